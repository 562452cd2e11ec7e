/** Hazards by area × month; a click on a cell opens the hazard list of that area and month. */
import { useMemo } from 'react';
import { Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { drillHref, isoRange } from '../period';
import type { HeatmapView } from '../types';
import { DENSITY, type echarts } from '../../../ui/charts/echarts';
import { EChart } from '../../../ui/charts/EChart';

/** Four bands up to the largest cell (ceil so that the bands never overlap for small counts). */
function pieces(max: number) {
  const step = Math.max(1, Math.ceil(max / 4));
  return [1, 2, 3, 4].map((i) => ({ min: (i - 1) * step + 1, max: i === 4 ? Math.max(max, i * step) : i * step, color: DENSITY[i] }));
}

/** A cell's colour: its band's, the lightest for none. Coloured here rather than by ECharts'
 *  visualMap component, which would add its weight to the dashboard's download. */
function cellColor(value: number, bands: ReturnType<typeof pieces>): string {
  return bands.find((b) => value >= b.min && value <= b.max)?.color ?? DENSITY[0];
}

export function HeatmapChart({ data, departmentId, onFinished }: { data: HeatmapView; departmentId?: string; onFinished: (c: echarts.ECharts) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const areaNames = useMemo(() => data.areas.map((a) => a.name || t('analytics.chart.noArea')), [data, t]);
  const height = Math.max(210, 24 + data.areas.length * 28);
  const bands = useMemo(() => pieces(data.max), [data.max]);
  const option = useMemo(
    () => ({
      // drawn at once: the dashboard is read, not watched
      animation: false,
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        formatter: (p: { value: [number, number, number] }) => `${areaNames[p.value[1]]} · ${data.months[p.value[0]]}<br/>${t('analytics.chart.hazards')}：${p.value[2]}`,
      },
      xAxis: { type: 'category', data: data.months, splitArea: { show: true } },
      yAxis: { type: 'category', data: areaNames, splitArea: { show: true }, axisLabel: { width: 110, overflow: 'truncate' } },
      series: [
        {
          type: 'heatmap',
          data: data.cells.map((value) => ({ value, itemStyle: { color: cellColor(value[2], bands) } })),
          label: { show: true, fontSize: 11 },
          itemStyle: { borderColor: '#fff', borderWidth: 1 },
        },
      ],
    }),
    [data, areaNames, bands, t],
  );
  return (
    <Card size="small" title={t('analytics.chart.heatmap')}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('analytics.chart.heatmapHint')}
      </Typography.Text>
      <EChart
        option={option}
        height={height}
        testId="chart-heatmap"
        points={data.cells.length}
        onFinished={onFinished}
        onClick={(p) => {
          const [mi, ai] = (p.value ?? (p.data as { value: unknown }).value) as [number, number, number];
          const month = data.months[mi];
          const area = data.areas[ai];
          if (!month || !area) return;
          const query: Record<string, string> = { ...isoRange(month, month) };
          if (area.id) query.areaId = area.id;
          if (departmentId) query.departmentId = departmentId;
          navigate(drillHref({ path: '/hazards', query }));
        }}
      />
      <Flex gap={12} wrap justify="center" style={{ fontSize: 12 }} data-testid="chart-heatmap-legend">
        {bands.map((b) => (
          <Flex key={b.color} gap={4} align="center">
            <span style={{ width: 14, height: 10, background: b.color, display: 'inline-block' }} />
            {b.min === b.max ? b.min : `${b.min}–${b.max}`}
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
