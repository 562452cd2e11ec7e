/** One KPI over the months of the period: this period solid, the previous one dashed, the target as a line. */
import { useMemo, useState } from 'react';
import { Card, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatKpi, KPIS, type KpiKey, type OverviewView } from '../types';
import { COLORS, type echarts } from '../../../ui/charts/echarts';
import { EChart } from '../../../ui/charts/EChart';
import { kpiName, langOf } from './kpiText';
import { formatChina } from '../../../platform/time';

export function TrendChart({ data, onFinished }: { data: OverviewView; onFinished: (c: echarts.ECharts) => void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const series = data.trends.series;
  const [picked, setPicked] = useState<KpiKey>('rectification_rate');
  const key = series.some((s) => s.key === picked) ? picked : (series[0]?.key ?? picked);
  const s = series.find((x) => x.key === key);
  const unit = KPIS[key].unit;
  // the month under way (China time) is not finished: its point is drawn dashed and labelled 截至今日,
  // so a rate that has not had time to fill does not read as a crash
  const months = data.trends.months;
  const partial = months.length > 0 && months[months.length - 1] === formatChina(Date.now(), 'YYYY-MM') ? months.length - 1 : -1;

  const option = useMemo(() => {
    const fmt = (v: unknown) => formatKpi(unit, typeof v === 'number' ? v : null);
    const prevLabel = (i: number) => data.trends.previousMonths[i] ?? '';
    return {
      // drawn at once: the dashboard is read, not watched
      animation: false,
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, data: [t('analytics.chart.current'), t('analytics.chart.previous')] },
      tooltip: {
        trigger: 'axis',
        formatter: (ps: { dataIndex: number; seriesName: string; value: unknown; marker: string }[]) => {
          const i = ps[0]?.dataIndex ?? 0;
          const month = (name: string) =>
            name === t('analytics.chart.previous') ? prevLabel(i) : `${months[i]}${i === partial ? t('analytics.chart.partialSuffix') : ''}`;
          // the dashed segment repeats the month before it: one line per series name and value
          return ps
            .filter((p) => p.value !== null && p.value !== undefined)
            .map((p) => `${p.marker}${p.seriesName === t('analytics.chart.partial') ? t('analytics.chart.current') : p.seriesName}（${month(p.seriesName)}）${fmt(p.value)}`)
            .filter((line, k, all) => all.indexOf(line) === k)
            .join('<br/>');
        },
      },
      xAxis: {
        type: 'category',
        data: months,
        boundaryGap: false,
        axisLabel: { formatter: (m: string, i: number) => (i === partial ? `${m}\n${t('analytics.chart.partialShort')}` : m) },
      },
      yAxis: {
        type: 'value',
        min: unit === 'percent' ? (v: { min: number }) => Math.max(0, Math.floor(Math.min(v.min, s?.target ?? v.min) / 10) * 10) : undefined,
        max: unit === 'percent' ? 100 : (v: { max: number }) => Math.max(v.max, s?.target ?? 0) || 1,
        axisLabel: { formatter: (v: number) => (unit === 'percent' ? `${v}%` : String(v)) },
      },
      series: [
        {
          name: t('analytics.chart.current'),
          type: 'line',
          // complete months solid; the month under way is its own dashed segment below
          data: (s?.values ?? []).map((v, i) => (i === partial ? null : v)),
          connectNulls: false,
          symbolSize: 6,
          lineStyle: { width: 2.5, color: COLORS.primary },
          itemStyle: { color: COLORS.primary },
          markLine:
            s?.target != null
              ? {
                  symbol: 'none',
                  silent: true,
                  lineStyle: { color: COLORS.good, type: 'solid', width: 1.5 },
                  label: { position: 'insideEndTop', formatter: `${t('analytics.chart.target')} ${fmt(s.target)}` },
                  data: [{ yAxis: s.target }],
                }
              : undefined,
        },
        ...(partial > 0
          ? [
              {
                name: t('analytics.chart.partial'),
                type: 'line',
                data: (s?.values ?? []).map((v, i) => (i >= partial - 1 ? v : null)),
                connectNulls: true,
                symbol: 'emptyCircle',
                symbolSize: 7,
                lineStyle: { width: 2, type: 'dashed', color: COLORS.primary },
                itemStyle: { color: COLORS.primary },
              },
            ]
          : []),
        {
          name: t('analytics.chart.previous'),
          type: 'line',
          data: s?.previous ?? [],
          // small dots: a previous period with a single month still shows
          symbolSize: 4,
          lineStyle: { width: 1.5, type: 'dashed', color: COLORS.muted },
          itemStyle: { color: COLORS.muted },
        },
      ],
    };
  }, [data, s, unit, t, months, partial]);

  const points = s?.values.filter((v) => v !== null).length ?? 0;
  return (
    <Card
      size="small"
      title={t('analytics.chart.trend')}
      extra={
        <Select
          size="small"
          value={key}
          onChange={setPicked}
          options={series.map((x) => ({ value: x.key, label: kpiName(x.key, lang) }))}
          style={{ width: 180 }}
          popupMatchSelectWidth={false}
          data-testid="trend-kpi"
        />
      }
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('analytics.chart.trendHint')}
      </Typography.Text>
      <EChart option={option} height={280} testId="chart-trend" points={points} onFinished={onFinished} />
      {partial >= 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="trend-partial" data-month={months[partial]}>
          {t('analytics.chart.partialNote', { month: months[partial] })}
        </Typography.Text>
      )}
    </Card>
  );
}
