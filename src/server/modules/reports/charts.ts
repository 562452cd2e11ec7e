import * as echarts from 'echarts';
import type { ReportData } from './data.js';

/** The font family the charts name; the PDF maps it to the embedded Chinese font. */
export const CHART_FONT = 'ReportSans';
const COLORS = ['#1677ff', '#fa8c16', '#f5222d', '#bfbfbf', '#52c41a'];

/** An ECharts option drawn on the server as an SVG string (no DOM, no animation). */
export function renderChart(option: echarts.EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, color: COLORS, textStyle: { fontFamily: CHART_FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const monthLabel = (m: string) => `${Number(m.slice(5))}月`;
const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

/** Rectification rate per month against its target line. */
export function rectificationTrendChart(d: ReportData, width: number, height: number): string {
  const target = d.trend.rectificationTarget;
  return renderChart(
    {
      title: { text: '隐患整改率趋势（近6个月）', left: 'center', textStyle: { fontSize: 13, fontFamily: CHART_FONT } },
      grid: { left: 48, right: 24, top: 40, bottom: 58 },
      legend: { bottom: 0, itemHeight: 10, data: ['隐患整改率', '目标值'], textStyle: { fontFamily: CHART_FONT } },
      xAxis: { type: 'category', data: d.trend.months.map(monthLabel) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: '隐患整改率',
          type: 'line',
          data: d.trend.rectification.map(round1),
          connectNulls: false,
          label: { show: true, formatter: '{c}%', fontSize: 10, fontFamily: CHART_FONT },
          lineStyle: { width: 2 },
        },
        {
          name: '目标值',
          type: 'line',
          data: d.trend.months.map(() => target),
          symbol: 'none',
          lineStyle: { type: 'dashed', width: 1.5 },
          itemStyle: { color: COLORS[2] },
        },
      ],
    },
    width,
    height,
  );
}

/** Hazards reported per month, stacked by grade. */
export function hazardsByMonthChart(d: ReportData, width: number, height: number): string {
  const stack = (name: string, key: 'general' | 'major' | 'unassessed', color: string) => ({
    name,
    type: 'bar' as const,
    stack: 'grade',
    itemStyle: { color },
    barMaxWidth: 36,
    data: d.trend.hazards.map((h) => h[key]),
  });
  return renderChart(
    {
      title: { text: '各月隐患上报数（按等级）', left: 'center', textStyle: { fontSize: 13, fontFamily: CHART_FONT } },
      grid: { left: 48, right: 24, top: 40, bottom: 58 },
      legend: { bottom: 0, itemHeight: 10, textStyle: { fontFamily: CHART_FONT } },
      xAxis: { type: 'category', data: d.trend.months.map(monthLabel) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [stack('一般隐患', 'general', COLORS[1]), stack('重大隐患', 'major', COLORS[2]), stack('未定级', 'unassessed', COLORS[3])],
    },
    width,
    height,
  );
}

/** Rectification and on-time rate per department (company reports only). */
export function departmentChart(d: ReportData, width: number, height: number): string | null {
  const rows = d.departments ?? [];
  if (!rows.length) return null;
  return renderChart(
    {
      title: { text: '各部门隐患整改率与按期整改率', left: 'center', textStyle: { fontSize: 13, fontFamily: CHART_FONT } },
      grid: { left: 48, right: 24, top: 40, bottom: 64 },
      legend: { bottom: 0, itemHeight: 10, textStyle: { fontFamily: CHART_FONT } },
      // every department named: labels wrap inside their slot instead of overlapping
      xAxis: {
        type: 'category',
        data: rows.map((r) => r.departmentName),
        axisLabel: { interval: 0, fontSize: 9, fontFamily: CHART_FONT, width: Math.max(24, (width - 80) / rows.length - 4), overflow: 'break' },
      },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        { name: '隐患整改率', type: 'bar', barMaxWidth: 24, data: rows.map((r) => round1(r.rectificationRate)) },
        { name: '按期整改率', type: 'bar', barMaxWidth: 24, data: rows.map((r) => round1(r.onTimeRate)), itemStyle: { color: COLORS[4] } },
      ],
    },
    width,
    height,
  );
}
