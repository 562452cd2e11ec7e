import ExcelJS from 'exceljs';
import { changeText, metText, type ReportData } from './data.js';
import { cstTime, reportTitle } from './pdf.js';

interface Col {
  header: string;
  width: number;
  /** Excel number format of the column's values (numbers stay numbers, "—" stays text). */
  numFmt?: string;
}

const PCT = '0.0"%"';
const HOURS = '0.0" h"';
const SCORE = '0.00';

/** Values are written as numbers where there is one; an empty figure is the text "—". */
const num = (v: number | null | undefined, digits = 1) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : Number(v.toFixed(digits)));

function sheet(wb: ExcelJS.Workbook, name: string, cols: Col[], rows: (string | number)[][]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = cols.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  const head = ws.getRow(1);
  head.font = { bold: true, color: { argb: 'FF1F1F1F' } };
  head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  head.height = 22;
  head.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F0FF' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF8C8C8C' } } };
  });
  for (const r of rows) ws.addRow(r).alignment = { vertical: 'top', wrapText: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: cols.length } };
  return ws;
}

/** The report as a workbook: one sheet per section, figures as numbers, formulas as text. */
export async function renderReportXlsx(d: ReportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '智安';
  wb.created = d.generatedAt;
  wb.title = reportTitle(d);
  wb.subject = `${d.scope.name} · 生成于 ${cstTime(d.generatedAt)}`;

  sheet(
    wb,
    '指标',
    [
      { header: '指标', width: 22 },
      { header: '单位', width: 8 },
      { header: '本期', width: 10 },
      { header: '上期', width: 10 },
      { header: '变化', width: 16 },
      { header: '目标', width: 10 },
      { header: '是否达标', width: 10 },
      { header: '计算公式', width: 70 },
    ],
    d.kpis.map((k) => [
      k.name,
      UNIT[k.unit],
      k.available ? num(k.value, k.unit === 'score' ? 2 : 1) : '—',
      k.available ? num(k.previous, k.unit === 'score' ? 2 : 1) : '—',
      changeText(k.unit, k.value, k.previous),
      num(k.target, k.unit === 'score' ? 2 : 1),
      k.available ? metText(k.met) : '无数据',
      k.formula,
    ]),
  );

  sheet(
    wb,
    '趋势',
    [
      { header: '月份', width: 10 },
      { header: '隐患整改率', width: 12, numFmt: PCT },
      { header: '整改率目标', width: 12, numFmt: PCT },
      { header: '一般隐患', width: 10 },
      { header: '重大隐患', width: 10 },
      { header: '未定级', width: 10 },
    ],
    d.trend.months.map((m, i) => [m, num(d.trend.rectification[i]), num(d.trend.rectificationTarget), d.trend.hazards[i].general, d.trend.hazards[i].major, d.trend.hazards[i].unassessed]),
  );

  sheet(
    wb,
    '部门',
    [
      { header: '部门', width: 16 },
      { header: '上报隐患', width: 10 },
      { header: '已闭环', width: 10 },
      { header: '隐患整改率', width: 12, numFmt: PCT },
      { header: '按期整改率', width: 12, numFmt: PCT },
      { header: '平均响应时间', width: 13, numFmt: HOURS },
      { header: '一次通过率', width: 12, numFmt: PCT },
      { header: '流程异常率', width: 12, numFmt: PCT },
      { header: '未销号重大隐患', width: 14 },
    ],
    (d.departments ?? []).map((r) => [r.departmentName, r.reported, r.closed, num(r.rectificationRate), num(r.onTimeRate), num(r.responseHours), num(r.firstPassRate), num(r.exceptionRate), r.openMajor]),
  );

  sheet(
    wb,
    '瓶颈',
    [
      { header: '流程', width: 20 },
      { header: '案例数', width: 9 },
      { header: '周期中位数', width: 12, numFmt: HOURS },
      { header: '最慢环节', width: 18 },
      { header: '环节中位数', width: 12, numFmt: HOURS },
      { header: '环节P90', width: 12, numFmt: HOURS },
      { header: '耗时占比', width: 10, numFmt: PCT },
      { header: '改进建议', width: 70 },
    ],
    (d.bottlenecks ?? []).map((b) => [
      b.flow, b.cases, num(b.cycleMedianHours), b.slowest?.name ?? '—', num(b.slowest?.medianHours), num(b.slowest?.p90Hours), num(b.slowest?.share),
      b.suggestions.join('\n') || '—',
    ]),
  );

  sheet(
    wb,
    '评分',
    [
      { header: '排名', width: 7 },
      { header: '部门', width: 16 },
      { header: '及时性', width: 10 },
      { header: '完整性', width: 10 },
      { header: '参与度', width: 10 },
      { header: '综合得分', width: 10 },
      { header: '上期得分', width: 10 },
    ],
    (d.ranking ?? []).map((r) => [r.rank, r.departmentName, num(r.timeliness), num(r.completeness), num(r.participation), num(r.score), num(r.previousScore)]),
  );

  const sat = sheet(
    wb,
    '满意度',
    [
      { header: '期间', width: 14 },
      { header: '评分数', width: 10 },
      { header: '平均得分', width: 10, numFmt: SCORE },
    ],
    [...d.satisfaction.byMonth.map((m) => [m.month, m.answers, num(m.score, 2)]), [d.period.label, d.satisfaction.answers, num(d.satisfaction.score, 2)]],
  );
  sat.lastRow!.font = { bold: true };

  const weak = sheet(wb, '薄弱环节', [{ header: '薄弱环节', width: 100 }], d.weakPoints.map((w) => [w]));
  weak.getColumn(1).alignment = { wrapText: true };

  return Buffer.from(await wb.xlsx.writeBuffer());
}

const UNIT = { percent: '%', hours: '小时', count: '个', score: '分' } as const;
