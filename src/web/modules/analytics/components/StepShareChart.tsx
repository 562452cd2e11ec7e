/** Each step's share of the cycle as horizontal bars, the slowest step in red. */
import { useMemo } from 'react';
import { formatKpi, type StepStatView } from '../types';
import { COLORS } from '../../../ui/charts/echarts';
import { EChart } from '../../../ui/charts/EChart';

export function StepShareChart({ steps, testId }: { steps: StepStatView[]; testId: string }) {
  const shown = useMemo(() => steps.filter((s) => s.share !== null), [steps]);
  const option = useMemo(
    () => ({
      animationDuration: 300,
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => formatKpi('percent', typeof v === 'number' ? v : null) },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      // first step on top
      yAxis: { type: 'category', inverse: true, data: shown.map((s) => s.name), axisLabel: { width: 120, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 22,
          label: { show: true, position: 'right', formatter: (p: { value: number }) => formatKpi('percent', p.value) },
          data: shown.map((s) => ({ value: s.share, itemStyle: { color: s.slowest ? COLORS.bad : COLORS.primary } })),
        },
      ],
    }),
    [shown],
  );
  return <EChart option={option} height={Math.max(140, 40 + shown.length * 34)} testId={testId} points={shown.length} />;
}
