/**
 * Rectification and on-time rates per department; a click on a department's bars opens its hazard
 * list for the period. Once drawn, the bars' pixel centres are kept on the element (data-bars) so a
 * test can click a bar without reaching into ECharts.
 */
import { useMemo } from 'react';
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { drillHref } from '../period';
import { formatKpi, type DepartmentKpiRow } from '../types';
import { COLORS, type echarts } from '../../../ui/charts/echarts';
import { EChart } from '../../../ui/charts/EChart';

export function DepartmentChart({ rows, onFinished }: { rows: DepartmentKpiRow[]; onFinished: (c: echarts.ECharts) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const option = useMemo(
    () => ({
      // drawn at once: the dashboard is read, not watched
      animation: false,
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: unknown) => formatKpi('percent', typeof v === 'number' ? v : null),
      },
      xAxis: { type: 'category', data: rows.map((r) => r.departmentName), axisLabel: { interval: 0, hideOverlap: true } },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        { name: t('analytics.chart.rectification'), type: 'bar', barMaxWidth: 28, itemStyle: { color: COLORS.primary }, data: rows.map((r) => r.rectificationRate) },
        { name: t('analytics.chart.onTime'), type: 'bar', barMaxWidth: 28, itemStyle: { color: COLORS.onTime }, data: rows.map((r) => r.onTimeRate) },
      ],
    }),
    [rows, t],
  );

  const finished = (c: echarts.ECharts) => {
    const dom = c.getDom();
    // the centre of each department's band, halfway up
    const bars = rows.flatMap((r, i) => {
      const v = Math.max(r.rectificationRate ?? 0, r.onTimeRate ?? 0);
      const at = c.convertToPixel({ seriesIndex: 0 }, [i, v / 2]) as number[] | undefined;
      return at ? [{ departmentId: r.departmentId, name: r.departmentName, x: Math.round(at[0]), y: Math.round(at[1]) }] : [];
    });
    dom.dataset.bars = JSON.stringify(bars);
    onFinished(c);
  };

  return (
    <Card size="small" title={t('analytics.chart.departments')}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('analytics.chart.departmentsHint')}
      </Typography.Text>
      <EChart
        option={option}
        height={300}
        testId="chart-departments"
        points={rows.length}
        onFinished={finished}
        // the whole band of a department answers, not only its (maybe thin) bars
        onPixelClick={(c, x, y) => {
          if (!c.containPixel('grid', [x, y])) return;
          const i = c.convertFromPixel({ xAxisIndex: 0 }, x) as number;
          const row = rows[Math.round(i)];
          if (row) navigate(drillHref(row.drill));
        }}
      />
    </Card>
  );
}
