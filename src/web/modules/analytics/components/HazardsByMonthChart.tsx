/** Hazards reported per month, stacked by grade, with the number closed as a line. */
import { useMemo } from 'react';
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OverviewView } from '../types';
import { COLORS, type echarts } from '../../../ui/charts/echarts';
import { EChart } from '../../../ui/charts/EChart';

export function HazardsByMonthChart({ data, onFinished }: { data: OverviewView; onFinished: (c: echarts.ECharts) => void }) {
  const { t } = useTranslation();
  const rows = data.hazardsByMonth;
  const option = useMemo(() => {
    const bar = (name: string, color: string, values: number[]) => ({ name, type: 'bar', stack: 'grade', barMaxWidth: 36, itemStyle: { color }, data: values });
    return {
      // drawn at once: the dashboard is read, not watched
      animation: false,
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: rows.map((r) => r.month) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        bar(t('analytics.chart.general'), COLORS.general, rows.map((r) => r.general)),
        bar(t('analytics.chart.major'), COLORS.major, rows.map((r) => r.major)),
        bar(t('analytics.chart.unassessed'), COLORS.unassessed, rows.map((r) => r.unassessed)),
        { name: t('analytics.chart.closed'), type: 'line', data: rows.map((r) => r.closed), itemStyle: { color: COLORS.closed }, symbolSize: 6 },
      ],
    };
  }, [rows, t]);
  const points = rows.reduce((n, r) => n + r.general + r.major + r.unassessed, 0);
  return (
    <Card size="small" title={t('analytics.chart.hazardsByMonth')}>
      <EChart option={option} height={300} testId="chart-hazards-by-month" points={points} onFinished={onFinished} />
    </Card>
  );
}
