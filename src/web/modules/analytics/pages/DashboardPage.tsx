/**
 * 统计分析看板 (C14): the eleven indicators by group with their change, target and formula, the
 * trend of any of them against the previous period and its target, hazards per month, departments
 * compared, hazards by area × month and on the site plan, and satisfaction. Every figure opens
 * the records behind it. Filters live in the URL; hazard and flow events refresh the figures.
 */
import { lazy, Suspense } from 'react';
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../platform/auth/AuthProvider';
import { RelativeTime } from '../../../ui/DateTime';
import { ErrorState } from '../../../ui/States';
import { useIsPhone } from '../../../ui/useIsPhone';
import { usePageTitle } from '../../../ui/usePageTitle';
import { ANALYTICS_VIEW_ALL } from '../permissions';
import { apiQuery, useDashboardFilters } from '../period';
import { useLiveAnalytics, useOverview, useSitePlanDensity } from '../queries';
import { KPIS, type KpiGroup, type OverviewView } from '../types';
import { FilterBar } from '../components/FilterBar';
import { KpiCard } from '../components/KpiCard';
import { SatisfactionCard } from '../components/SatisfactionCard';
import { SitePlanDensity } from '../components/SitePlanDensity';
import { useChartsReady } from '../components/useChartsReady';

// ECharts comes in this chunk, fetched alongside the figures rather than before them: the
// download starts as soon as this page's module runs, the figures are asked for on first render
let chartsChunk: Promise<typeof import('../components/DashboardCharts')> | null = null;
const loadCharts = () => (chartsChunk ??= import('../components/DashboardCharts'));
const DashboardCharts = lazy(loadCharts);
// a failed early download is tried again when the charts render
loadCharts().catch(() => {
  chartsChunk = null;
});

const GROUPS: KpiGroup[] = ['safety', 'collaboration', 'process'];
const CHARTS = ['trend', 'hazardsByMonth', 'departments', 'heatmap'] as const;

function KpiGroups({ data, filterActive }: { data: OverviewView; filterActive: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {GROUPS.map((g) => {
        const kpis = data.kpis.filter((k) => KPIS[k.key]?.group === g);
        if (!kpis.length) return null;
        return (
          <section key={g} data-testid={`kpi-group-${g}`} style={{ marginBottom: 16 }}>
            <Typography.Title level={5} style={{ margin: '0 0 8px' }}>
              {t(`analytics.group.${g}`)}
            </Typography.Title>
            <Row gutter={[12, 12]}>
              {kpis.map((k) => (
                <Col key={k.key} xs={24} sm={12} lg={8} xxl={6}>
                  <KpiCard kpi={k} filterActive={filterActive} />
                </Col>
              ))}
            </Row>
          </section>
        );
      })}
    </>
  );
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const { can } = useAuth();
  const [filters, update] = useDashboardFilters();
  const query = apiQuery(filters);
  const overview = useOverview(query);
  const sitePlan = useSitePlanDensity(query);
  const { finished, allDone } = useChartsReady(CHARTS);
  useLiveAnalytics();
  usePageTitle(t('analytics.title'));

  const data = overview.data;
  const viewAll = data ? data.scope.allDepartments : can(ANALYTICS_VIEW_ALL);
  const ready = !!data && !overview.isPlaceholderData && allDone && (!!sitePlan.data || sitePlan.isError);

  if (overview.isError && !data) return <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />;

  const refresh = () => {
    void overview.refetch();
    void sitePlan.refetch();
  };

  return (
    <div data-testid="analytics-dashboard" data-ready={ready ? 'true' : 'false'}>
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: phone ? 12 : 20 } }}>
        <div className="zhian-page-title">
          <Typography.Title level={4}>{t('analytics.title')}</Typography.Title>
          <Flex gap={8} align="center">
            {data && !phone && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('analytics.live')} · <RelativeTime value={data.refreshedAt} />
              </Typography.Text>
            )}
            <Button icon={<ReloadOutlined />} onClick={refresh} loading={overview.isFetching} aria-label={t('analytics.refresh')} data-testid="analytics-refresh" />
          </Flex>
        </div>
        {!phone && (
          <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
            {t('analytics.intro')}
          </Typography.Paragraph>
        )}
        <FilterBar
          filters={filters}
          onChange={update}
          phone={phone}
          showArea
          departments={data ? { options: data.scope.departments, fixed: !viewAll } : { options: [], fixed: !viewAll }}
        />
      </Card>

      {!data ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : (
        <>
          <KpiGroups data={data} filterActive={!!(filters.departmentId || filters.areaId) || !viewAll} />
          <Row gutter={[16, 16]}>
            <Suspense
              fallback={
                <Col span={24}>
                  <Card>
                    <Skeleton active paragraph={{ rows: 6 }} />
                  </Card>
                </Col>
              }
            >
              <DashboardCharts data={data} departmentId={query.departmentId} finished={finished} />
            </Suspense>
            <Col xs={24} xl={16}>
              <SitePlanDensity data={sitePlan.data} loading={sitePlan.isLoading} />
            </Col>
            <Col xs={24} xl={8}>
              <SatisfactionCard kpi={data.kpis.find((k) => k.key === 'satisfaction')} />
            </Col>
          </Row>
        </>
      )}
    </div>
  );
}
