/**
 * Trend of one sensor: min–max band and average per bucket (the server downsamples), with each
 * threshold's limit (solid) and clear line (dashed). Only the ECharts parts used here are
 * imported, which keeps the chunk small.
 */
import { formatChina } from '../../../platform/time';
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendPlainComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import type { Sensor, Series } from '../api';
import { COLOR_HEX, fmtValue } from './format';

echarts.use([LineChart, GridComponent, LegendPlainComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export function TrendChart({ sensor, series, height = 320 }: { sensor: Sensor; series: Series | undefined; height?: number }) {
  const { t } = useTranslation();
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
    if (!c || !series) return;
    const pts = (k: 'min' | 'avg' | 'max') => series.buckets.map((b) => [b.t, b[k]]);
    const lines = sensor.thresholds
      .filter((th) => th.enabled)
      .flatMap((th) => [
        { yAxis: th.limit, name: `${t('sensors.chart.limit')} ${fmtValue(th.limit)}`, lineStyle: { color: COLOR_HEX[th.color], type: 'solid' as const, width: 1.5 } },
        { yAxis: th.clearAt, name: `${t('sensors.chart.clear')} ${fmtValue(th.clearAt)}`, lineStyle: { color: COLOR_HEX[th.color], type: 'dashed' as const, width: 1 } },
      ]);
    const edges = sensor.thresholds.filter((th) => th.enabled).flatMap((th) => [th.limit, th.clearAt]);
    const unit = sensor.unit ? ` ${sensor.unit}` : '';
    c.setOption(
      {
        animation: false,
        grid: { left: 56, right: 96, top: 36, bottom: 32 },
        legend: { top: 0, data: [t('sensors.chart.avg'), t('sensors.chart.max'), t('sensors.chart.min')] },
        tooltip: {
          trigger: 'axis',
          valueFormatter: (v: unknown) => `${fmtValue(Number(v))}${unit}`,
          axisPointer: { label: { formatter: (p: { value: unknown }) => formatChina(Number(p.value), 'MM-DD HH:mm') } },
        },
        // the axis in China time, whatever the browser's zone
        xAxis: { type: 'time', min: series.from, max: series.to, axisLabel: { formatter: (v: number) => formatChina(v, 'HH:mm') } },
        // markLines do not stretch the axis: keep every limit and clear line in view
        yAxis: {
          type: 'value',
          scale: true,
          name: sensor.unit,
          min: (v: { min: number }) => Math.min(v.min, ...edges),
          max: (v: { max: number }) => Math.max(v.max, ...edges),
        },
        series: [
          {
            name: t('sensors.chart.avg'),
            type: 'line',
            showSymbol: false,
            data: pts('avg'),
            lineStyle: { width: 1.5 },
            markLine: { symbol: 'none', silent: true, label: { formatter: '{b}', position: 'end' }, data: lines },
          },
          { name: t('sensors.chart.max'), type: 'line', showSymbol: false, data: pts('max'), lineStyle: { width: 0.8, opacity: 0.6 } },
          { name: t('sensors.chart.min'), type: 'line', showSymbol: false, data: pts('min'), lineStyle: { width: 0.8, opacity: 0.6 } },
        ],
      },
      true,
    );
  }, [series, sensor, t]);

  return <div ref={el} style={{ width: '100%', height }} data-testid="sensor-chart" data-points={series?.buckets.length ?? 0} />;
}
