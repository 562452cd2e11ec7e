/** Mean per question as horizontal bars on the 1–5 scale (the shared tree-shaken ECharts wrapper). */
import { useMemo } from 'react';
import { EChart } from '../../../ui/charts/EChart';
import type { EChartsOption } from '../../../ui/charts/echarts';

const colorOf = (v: number) => (v >= 4 ? '#52c41a' : v >= 3.5 ? '#1677ff' : v >= 3 ? '#faad14' : '#ff4d4f');

export function MeansChart({ items, phone }: { items: { label: string; mean: number | null }[]; phone: boolean }) {
  const option = useMemo((): EChartsOption => {
    const rows = [...items].reverse(); // the first question on top
    return {
      animation: false,
      grid: { left: 8, right: 48, top: 8, bottom: 24, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : Number(v).toFixed(2)) },
      xAxis: { type: 'value', min: 0, max: 5, interval: 1 },
      yAxis: {
        type: 'category',
        data: rows.map((r) => r.label),
        axisLabel: { width: phone ? 110 : 200, overflow: 'break', lineHeight: 14 },
        axisTick: { show: false },
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: 22,
          data: rows.map((r) => (r.mean === null ? null : { value: r.mean, itemStyle: { color: colorOf(r.mean) } })),
          label: { show: true, position: 'right', formatter: (p: { value: number }) => Number(p.value).toFixed(2) },
        },
      ],
    };
  }, [items, phone]);

  return <EChart option={option} height={Math.max(200, items.length * 48 + 40)} testId="survey-means-chart" points={items.length} />;
}
