/**
 * Mean per question as horizontal bars on the 1–5 scale. Only the ECharts parts used here are
 * imported, which keeps the chunk small.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

const colorOf = (v: number) => (v >= 4 ? '#52c41a' : v >= 3.5 ? '#1677ff' : v >= 3 ? '#faad14' : '#ff4d4f');

export function MeansChart({ items, phone }: { items: { label: string; mean: number | null }[]; phone: boolean }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current);
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const rows = [...items].reverse(); // the first question on top
    c.setOption(
      {
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
      },
      true,
    );
  }, [items, phone]);

  return <div ref={el} style={{ width: '100%', height: Math.max(200, items.length * 48 + 40) }} data-testid="survey-means-chart" />;
}
