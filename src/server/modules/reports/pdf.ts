import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { CST_OFFSET_MS, formatKpi, monthEnd, monthStart } from '../../../core/analytics/index.js';
import { changeText, metText, type ReportData } from './data.js';
import { departmentChart, hazardsByMonthChart, rectificationTrendChart } from './charts.js';
import { reportFonts } from './fonts.js';

const MARGIN = { top: 64, bottom: 56, left: 50, right: 50 };
const A4 = { width: 595.28, height: 841.89 };
const CONTENT = A4.width - MARGIN.left - MARGIN.right;
const REGULAR = 'zh';
const BOLD = 'zh-bold';
const LINE = '#d9d9d9';
const HEAD_FILL = '#f0f5ff';
const MUTED = '#595959';

type Doc = PDFKit.PDFDocument;

export function reportTitle(d: ReportData): string {
  return `${d.company} 安全管理${d.period.kind === 'monthly' ? '月度' : '季度'}评估报告 ${d.period.label}`;
}

/** An instant as shown in China: 2026-12-01 08:00. */
export function cstTime(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

const cstDate = (at: Date) => new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);

let warm: Promise<void> | null = null;

/**
 * Parse the fonts and run the chart and PDF code once, so that the first report a user asks for
 * takes as long as any other (a cold start costs a second or more). Runs once per process.
 */
export function warmUpRenderer(sample: () => ReportData): Promise<void> {
  warm ??= renderReportPdf(sample()).then(
    () => undefined,
    () => undefined, // a real request reports the problem
  );
  return warm;
}

/** The evaluation report as an A4 PDF: Chinese text embedded (extractable), charts as vector graphics. */
export async function renderReportPdf(d: ReportData): Promise<Buffer> {
  const fonts = reportFonts();
  const title = reportTitle(d);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    info: { Title: title, Author: '智安', Subject: '安全管理评估报告', CreationDate: d.generatedAt },
  });
  doc.registerFont(REGULAR, fonts.regular);
  doc.registerFont(BOLD, fonts.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  // ——— cover block ———
  doc.font(BOLD).fontSize(17).fillColor('#000').text(title, { align: 'center' });
  doc.moveDown(0.6);
  const lastDay = new Date(monthEnd(d.period.range.to).getTime() - 1);
  doc.font(REGULAR).fontSize(10).fillColor(MUTED);
  doc.text(`评估范围：${d.scope.name}`, { align: 'center' });
  doc.text(`评估期间：${cstDate(monthStart(d.period.range.from))} 至 ${cstDate(lastDay)}`, { align: 'center' });
  doc.text(`生成时间：${cstTime(d.generatedAt)}（北京时间）`, { align: 'center' });
  doc.fillColor('#000').moveDown(1);

  let section = 0;
  /** A heading stays on the page of what follows it (`keep`: the height of that first block). */
  const heading = (text: string, keep = 60) => {
    section += 1;
    ensureSpace(doc, 40 + keep);
    doc.moveDown(0.6);
    doc.font(BOLD).fontSize(13).fillColor('#000').text(`${'一二三四五六七八九'[section - 1]}、${text}`, MARGIN.left);
    doc.moveDown(0.3);
  };

  // 1 KPIs
  heading('关键指标');
  table(
    doc,
    [
      { title: '指标', width: 82 },
      { title: '本期', width: 52, align: 'right' },
      { title: '上期', width: 52, align: 'right' },
      { title: '变化', width: 62, align: 'right' },
      { title: '目标', width: 46, align: 'right' },
      { title: '达标', width: 38, align: 'center' },
      { title: '计算公式', width: CONTENT - 332 },
    ],
    d.kpis.map((k) => [
      k.name,
      k.available ? formatKpi(k.unit, k.value) : '—',
      k.available ? formatKpi(k.unit, k.previous) : '—',
      changeText(k.unit, k.value, k.previous),
      formatKpi(k.unit, k.target),
      k.available ? metText(k.met) : '无数据',
      k.formula,
    ]),
    { fontSize: 7.5, colour: (row, col) => (col === 5 && d.kpis[row].met === false ? '#cf1322' : null) },
  );

  // 2 charts
  const chartHeight = 200;
  heading('趋势与对比', chartHeight);
  const charts = [rectificationTrendChart(d, CONTENT, chartHeight), hazardsByMonthChart(d, CONTENT, chartHeight), departmentChart(d, CONTENT, chartHeight)];
  for (const svg of charts) {
    if (!svg) continue;
    ensureSpace(doc, chartHeight + 10);
    const y = doc.y;
    SVGtoPDF(doc, svg, MARGIN.left, y, {
      width: CONTENT,
      height: chartHeight,
      assumePt: true,
      fontCallback: (_family, bold) => (bold ? BOLD : REGULAR),
    });
    doc.x = MARGIN.left;
    doc.y = y + chartHeight + 10;
  }

  // 3 departments
  if (d.departments) {
    heading('部门指标对比');
    const p = (v: number | null) => formatKpi('percent', v);
    table(
      doc,
      [
        { title: '部门', width: 85 },
        { title: '上报隐患', width: 48, align: 'right' },
        { title: '已闭环', width: 44, align: 'right' },
        { title: '整改率', width: 50, align: 'right' },
        { title: '按期整改率', width: 56, align: 'right' },
        { title: '平均响应', width: 52, align: 'right' },
        { title: '一次通过率', width: 56, align: 'right' },
        { title: '异常率', width: 48, align: 'right' },
        { title: '未销号重大', width: CONTENT - 439, align: 'right' },
      ],
      d.departments.map((r) => [
        r.departmentName, String(r.reported), String(r.closed), p(r.rectificationRate), p(r.onTimeRate),
        formatKpi('hours', r.responseHours), p(r.firstPassRate), p(r.exceptionRate), String(r.openMajor),
      ]),
    );
  }

  // 4 bottlenecks
  if (d.bottlenecks) {
    heading('流程瓶颈与改进建议');
    if (!d.bottlenecks.length) paragraph(doc, '本期没有可分析的流程数据。');
    else {
      table(
        doc,
        [
          { title: '流程', width: 120 },
          { title: '案例数', width: 44, align: 'right' },
          { title: '周期中位数', width: 62, align: 'right' },
          { title: '最慢环节', width: 110 },
          { title: '中位数 / P90', width: 95, align: 'right' },
          { title: '耗时占比', width: CONTENT - 431, align: 'right' },
        ],
        d.bottlenecks.map((b) => [
          b.flow, String(b.cases), formatKpi('hours', b.cycleMedianHours), b.slowest?.name ?? '—',
          b.slowest ? `${formatKpi('hours', b.slowest.medianHours)} / ${formatKpi('hours', b.slowest.p90Hours)}` : '—',
          formatKpi('percent', b.slowest?.share ?? null),
        ]),
      );
      const suggestions = d.bottlenecks.flatMap((b) => b.suggestions.map((s) => `【${b.flow}】${s}`));
      doc.moveDown(0.4);
      doc.font(BOLD).fontSize(10).text('改进建议', MARGIN.left);
      doc.moveDown(0.2);
      if (!suggestions.length) paragraph(doc, '各流程环节耗时均未触及建议规则的阈值，暂无改进建议。');
      suggestions.forEach((s, i) => paragraph(doc, `${i + 1}. ${s}`));
    }
  }

  // 5 ranking
  if (d.ranking) {
    heading('部门评分排名');
    const s = (v: number | null) => (v === null ? '—' : v.toFixed(1));
    table(
      doc,
      [
        { title: '排名', width: 36, align: 'center' },
        { title: '部门', width: 110 },
        { title: '及时性', width: 62, align: 'right' },
        { title: '完整性', width: 62, align: 'right' },
        { title: '参与度', width: 62, align: 'right' },
        { title: '综合得分', width: 70, align: 'right' },
        { title: '上期得分', width: CONTENT - 402, align: 'right' },
      ],
      d.ranking.map((r) => [String(r.rank), r.departmentName, s(r.timeliness), s(r.completeness), s(r.participation), s(r.score), s(r.previousScore)]),
    );
  }

  // 6 satisfaction
  heading('协同满意度');
  paragraph(
    doc,
    d.satisfaction.answers > 0
      ? `本期满意度调查共收到 ${d.satisfaction.answers} 个评分，平均得分 ${formatKpi('score', d.satisfaction.score)}（满分 5 分）。`
      : '本期没有结束的满意度调查，暂无评分（—）。',
  );
  if (d.period.kind === 'quarterly') {
    table(
      doc,
      [
        { title: '月份', width: 120 },
        { title: '评分数', width: 120, align: 'right' },
        { title: '平均得分', width: 120, align: 'right' },
      ],
      d.satisfaction.byMonth.map((m) => [m.month, String(m.answers), formatKpi('score', m.score)]),
    );
  }

  // 7 weak points
  heading('薄弱环节');
  d.weakPoints.forEach((w, i) => paragraph(doc, `${i + 1}. ${w}`));

  decoratePages(doc, title);
  doc.end();
  return done;
}

function paragraph(doc: Doc, text: string) {
  doc.font(REGULAR).fontSize(9.5).fillColor('#000').text(text, MARGIN.left, undefined, { width: CONTENT, lineGap: 2 });
  doc.moveDown(0.2);
}

function ensureSpace(doc: Doc, height: number) {
  if (doc.y + height > A4.height - MARGIN.bottom) doc.addPage();
}

interface Column {
  title: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

/** A ruled table whose rows grow with wrapped text; the header repeats on every new page. */
function table(doc: Doc, columns: Column[], rows: string[][], o: { fontSize?: number; colour?: (row: number, col: number) => string | null } = {}) {
  const size = o.fontSize ?? 8.5;
  const pad = 3;
  const x0 = MARGIN.left;
  const heightOf = (cells: string[], font: string) => {
    doc.font(font).fontSize(size);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: columns[i].width - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (cells: string[], y: number, h: number, header: boolean, rowIndex: number) => {
    if (header) doc.rect(x0, y, CONTENT, h).fill(HEAD_FILL);
    let x = x0;
    cells.forEach((c, i) => {
      const colour = header ? '#000' : (o.colour?.(rowIndex, i) ?? '#000');
      doc.font(header ? BOLD : REGULAR).fontSize(size).fillColor(colour)
        .text(c, x + pad, y + pad, { width: columns[i].width - 2 * pad, align: header ? 'center' : (columns[i].align ?? 'left'), lineBreak: true });
      x += columns[i].width;
    });
    doc.moveTo(x0, y + h).lineTo(x0 + CONTENT, y + h).lineWidth(0.5).strokeColor(LINE).stroke();
  };
  const header = columns.map((c) => c.title);
  const headerHeight = heightOf(header, BOLD);
  let y = doc.y;
  const startPage = (first: boolean) => {
    if (!first) doc.addPage();
    y = doc.y;
    doc.moveTo(x0, y).lineTo(x0 + CONTENT, y).lineWidth(0.5).strokeColor(LINE).stroke();
    drawRow(header, y, headerHeight, true, -1);
    y += headerHeight;
  };
  startPage(y + headerHeight + 20 <= A4.height - MARGIN.bottom);
  if (!rows.length) {
    const h = heightOf(['—'], REGULAR);
    drawRow([ '暂无数据', ...columns.slice(1).map(() => '') ], y, h, false, -1);
    y += h;
  }
  rows.forEach((cells, r) => {
    const h = heightOf(cells, REGULAR);
    if (y + h > A4.height - MARGIN.bottom) startPage(false);
    drawRow(cells, y, h, false, r);
    y += h;
  });
  doc.x = x0;
  doc.y = y + 6;
  doc.fillColor('#000');
}

/** Header line with the title and page numbers on every page (drawn once all pages exist). */
function decoratePages(doc: Doc, title: string) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not start a new page
    doc.font(REGULAR).fontSize(8).fillColor(MUTED);
    doc.text(`智安 · ${title}`, MARGIN.left, 36, { width: CONTENT, align: 'left', lineBreak: false });
    doc.moveTo(MARGIN.left, 50).lineTo(A4.width - MARGIN.right, 50).lineWidth(0.75).strokeColor('#1677ff').stroke();
    doc.text(`第 ${i + 1} 页 / 共 ${range.count} 页`, MARGIN.left, A4.height - 36, { width: CONTENT, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
