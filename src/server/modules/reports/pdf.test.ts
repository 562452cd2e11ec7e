import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { renderReportPdf, reportTitle } from './pdf.js';
import { renderReportXlsx } from './xlsx.js';
import { sampleReport } from './sample.test-data.js';
import { weakPoints } from './data.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'zhian-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The PDF's text as pdftotext reads it (poppler-utils). */
function pdfText(pdf: Buffer, name: string): string {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('report renderers', () => {
  it('writes an A4 PDF whose Chinese text is extractable: title, KPI names, values, sections', async () => {
    const d = sampleReport('monthly');
    await renderReportPdf(d); // the first one parses the fonts
    const started = Date.now();
    const pdf = await renderReportPdf(d);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf, 'full');
    expect(reportTitle(d)).toBe('华安化工股份有限公司 安全管理月度评估报告 2026年11月');
    expect(text).toContain('华安化工股份有限公司 安全管理月度评估报告 2026年11月');
    for (const s of ['评估范围：全公司', '一、关键指标', '隐患整改率', '跨部门任务平均响应时间', '80.0%', '部门指标对比', '流程瓶颈与改进建议', '部门评分排名', '协同满意度', '薄弱环节']) {
      expect(text).toContain(s);
    }
    expect(text).toMatch(/第\s*1\s*页\s*\/\s*共\s*\d+\s*页/);
    // the charts' texts are drawn with the embedded font too
    expect(text).toContain('隐患整改率趋势');
  });

  it('shows "—" for an empty period and leaves out nothing but the figures', async () => {
    const d = sampleReport('monthly', true);
    const text = pdfText(await renderReportPdf(d), 'empty');
    expect(text).toContain('—');
    expect(text).toContain('本期没有结束的满意度调查');
    expect(text).toContain('本期没有可分析的流程数据');
    expect(d.kpis.every((k) => k.value === null)).toBe(true);
  });

  it('titles a quarter in Chinese and lists its months', async () => {
    const d = sampleReport('quarterly');
    const text = pdfText(await renderReportPdf(d), 'quarter');
    expect(text).toContain('安全管理季度评估报告 2026年第四季度');
    expect(text).toContain('2026-10');
  });

  it('writes the workbook: one sheet per section, frozen header, KPI rows with formulas', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderReportXlsx(sampleReport('monthly'))) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['指标', '趋势', '部门', '瓶颈', '评分', '满意度', '薄弱环节']);
    const kpis = wb.getWorksheet('指标')!;
    expect(kpis.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(kpis.getRow(2).getCell(1).value).toBe('隐患整改率');
    expect(kpis.getRow(2).getCell(3).value).toBe(80);
    expect(String(kpis.getRow(2).getCell(8).value)).toContain('÷');
    expect(kpis.rowCount).toBe(12);
    expect(wb.getWorksheet('趋势')!.rowCount).toBe(7);

    const empty = new ExcelJS.Workbook();
    await empty.xlsx.load((await renderReportXlsx(sampleReport('monthly', true))) as never);
    expect(empty.getWorksheet('指标')!.getRow(2).getCell(3).value).toBe('—');
  });

  it('names weak points in sentences, or says there are none', () => {
    expect(weakPoints([], [], null)).toEqual(['本期没有足够的数据评估各项指标，暂无法判断薄弱环节。']);
    expect(sampleReport('monthly', true).weakPoints).toEqual(['本期没有足够的数据评估各项指标，暂无法判断薄弱环节。']);
    const d = sampleReport('monthly');
    expect(d.weakPoints).toContain('隐患整改率为 80.0%，低于目标值 95.0%。');
    expect(d.weakPoints.some((w) => w.startsWith('综合办公室的跨部门任务平均响应时间最长'))).toBe(true);
  });
});
