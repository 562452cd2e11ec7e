/** Department scores as bars, best first, with the three sub-scores stacked by their weight. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScoresView } from '../types';
import { COLORS } from '../../../ui/charts/echarts';
import { EChart } from '../../../ui/charts/EChart';

export function ScoreChart({ data }: { data: ScoresView }) {
  const { t } = useTranslation();
  const rows = useMemo(() => data.departments.filter((d) => d.score !== null), [data]);
  const option = useMemo(() => {
    const w = data.weights;
    const total = w.timeliness + w.completeness + w.participation || 1;
    // each part's contribution to the score (sub-score × its weight)
    const part = (name: string, color: string, pick: (d: (typeof rows)[number]) => number | null, weight: number) => ({
      name,
      type: 'bar',
      stack: 'score',
      barMaxWidth: 28,
      itemStyle: { color },
      data: rows.map((d) => {
        const v = pick(d);
        return v === null ? 0 : Math.round(((v * weight) / total) * 10) / 10;
      }),
    });
    return {
      animationDuration: 300,
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: rows.map((d) => d.departmentName), axisLabel: { interval: 0, hideOverlap: true } },
      yAxis: { type: 'value', max: 100 },
      series: [
        part(t('analytics.ranking.timeliness'), COLORS.primary, (d) => d.timeliness, w.timeliness),
        part(t('analytics.ranking.completeness'), COLORS.onTime, (d) => d.completeness, w.completeness),
        part(t('analytics.ranking.participation'), COLORS.warn, (d) => d.participation, w.participation),
      ],
    };
  }, [data, rows, t]);
  return <EChart option={option} height={320} testId="chart-ranking" points={rows.length} />;
}
