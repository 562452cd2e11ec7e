/**
 * The site plan with each area's outline filled by its hazard density (level 0–4 from the
 * server), drawn as inline SVG over the plan image in plan pixels (x right, y down) — no map
 * library. A click on an area opens its hazard list.
 */
import { Card, Empty, Flex, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { drillHref } from '../period';
import type { SitePlanDensityView } from '../types';
import { DENSITY } from '../../../ui/charts/echarts';

type Area = SitePlanDensityView['areas'][number];

/** Canvas when no plan is uploaded: the outlines' own extent. */
function extent(areas: Area[]): { width: number; height: number } {
  let w = 0;
  let h = 0;
  for (const a of areas) for (const [x, y] of a.polygon ?? []) {
    w = Math.max(w, x);
    h = Math.max(h, y);
  }
  return { width: Math.max(100, w * 1.05), height: Math.max(100, h * 1.05) };
}

function centroid(points: [number, number][]): [number, number] {
  const n = points.length || 1;
  return [points.reduce((s, p) => s + p[0], 0) / n, points.reduce((s, p) => s + p[1], 0) / n];
}

export function SitePlanDensity({ data, loading }: { data: SitePlanDensityView | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const drawn = data?.areas.filter((a) => a.polygon && a.polygon.length >= 3) ?? [];
  const size = data?.plan ?? extent(drawn);
  // labels scale with the plan so they stay readable whatever its pixel size
  const font = Math.max(12, Math.round(size.width / 60));

  let body;
  if (!data) body = loading ? <Skeleton active /> : null;
  else if (!drawn.length) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('analytics.sitePlan.noAreas')} />;
  else
    body = (
      <>
        {!data.plan && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('analytics.sitePlan.noPlan')}
          </Typography.Text>
        )}
        <svg
          viewBox={`0 0 ${size.width} ${size.height}`}
          style={{ width: '100%', height: 'auto', display: 'block', background: '#fafafa', borderRadius: 6 }}
          role="img"
          aria-label={t('analytics.sitePlan.title')}
          data-testid="site-plan-svg"
        >
          {data.plan && <image href={data.plan.url} x={0} y={0} width={data.plan.width} height={data.plan.height} preserveAspectRatio="none" />}
          {drawn.map((a) => {
            const [cx, cy] = centroid(a.polygon!);
            const tip = t('analytics.sitePlan.areaTip', { name: a.name, hazards: a.hazards, open: a.open, major: a.major });
            return (
              <g key={a.id} onClick={() => navigate(drillHref(a.drill))} style={{ cursor: 'pointer' }} data-testid="site-plan-area" data-area={a.id} data-level={a.level}>
                <title>{tip}</title>
                <polygon
                  points={a.polygon!.map((p) => p.join(',')).join(' ')}
                  fill={DENSITY[a.level]}
                  fillOpacity={a.level === 0 ? 0.35 : 0.7}
                  stroke={a.level >= 3 ? '#ad2102' : '#595959'}
                  strokeWidth={Math.max(1.5, font / 8)}
                />
                <text x={cx} y={cy} textAnchor="middle" dominantBaseline="middle" fontSize={font} fontWeight={600} fill="#262626" stroke="#fff" strokeWidth={font / 5} paintOrder="stroke">
                  {a.name} {a.hazards}
                </text>
              </g>
            );
          })}
        </svg>
        <Flex gap={12} wrap style={{ marginTop: 8, fontSize: 12 }} data-testid="site-plan-legend">
          {DENSITY.map((c, level) => (
            <Flex key={c} gap={4} align="center">
              <span style={{ width: 14, height: 10, background: c, border: '1px solid #d9d9d9', display: 'inline-block' }} />
              {t(`analytics.sitePlan.level.l${level as 0 | 1 | 2 | 3 | 4}`)}
            </Flex>
          ))}
        </Flex>
      </>
    );

  return (
    <Card size="small" title={t('analytics.sitePlan.title')} data-testid="site-plan" data-ready={data ? 'true' : 'false'}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {t('analytics.sitePlan.hint')}
      </Typography.Paragraph>
      {body}
    </Card>
  );
}
