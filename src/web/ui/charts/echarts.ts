/**
 * The ECharts parts the app's charts draw with, and nothing more: importing 'echarts' itself
 * would bring every chart type and component into the dashboard's download.
 */
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendPlainComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, HeatmapChart, GridComponent, LegendPlainComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
export type EChartsOption = echarts.EChartsCoreOption;

/** The palette of the antd theme, so charts and cards read as one page. */
export const COLORS = {
  primary: '#1677ff',
  good: '#52c41a',
  bad: '#ff4d4f',
  warn: '#faad14',
  muted: '#8c8c8c',
  general: '#faad14',
  major: '#f5222d',
  unassessed: '#bfbfbf',
  closed: '#1677ff',
  onTime: '#13c2c2',
};

/** Hazard density from none to most (heatmap cells and site plan areas). */
export const DENSITY = ['#f5f5f5', '#ffe7ba', '#ffc069', '#fa8c16', '#d4380d'];

/** A count → one of the DENSITY colours (0 only for none). */
export function densityColor(value: number, max: number): string {
  if (value <= 0 || max <= 0) return DENSITY[0];
  return DENSITY[Math.min(4, Math.max(1, Math.ceil((value / max) * 4)))];
}
