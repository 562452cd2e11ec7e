/**
 * 流程瓶颈分析 (C14): for the hazard loop and each flow template, the cycle time against the
 * admin's benchmark, every step's median / P90 and share of the cycle (slowest marked), the
 * rule-based suggestions with their expected saving, and which departments run late.
 */
import { BulbOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, Row, Skeleton, Space, Statistic, Table, Tag, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import '../analytics.css';
import { ErrorState } from '../../../ui/States';
import { useIsPhone } from '../../../ui/useIsPhone';
import { usePageTitle } from '../../../ui/usePageTitle';
import { FilterBar } from '../components/FilterBar';
import { hoursText, langOf, percentText } from '../components/kpiText';
import { StepShareChart } from '../components/StepShareChart';
import { apiQuery, dayRange, drillHref, isoRange, useDashboardFilters } from '../period';
import { useBottlenecks, useLiveAnalytics } from '../queries';
import type { BottleneckFlowView, DashboardQuery, StepStatView } from '../types';

/** Where a flow's cases are listed: the case list by template, or the hazard list for the hazard loop. */
function casesHref(flow: BottleneckFlowView, q: DashboardQuery): string {
  if (flow.templateId === null) return drillHref({ path: '/hazards', query: isoRange(q.from, q.to) });
  return drillHref({ path: '/flows/instances', query: { templateId: flow.templateId, ...dayRange(q.from, q.to) } });
}

function FlowCard({ flow, query, index }: { flow: BottleneckFlowView; query: DashboardQuery; index: number }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const phone = useIsPhone();
  const mean = flow.cycle.meanHours;
  const vs = mean !== null && flow.benchmarkHours ? ((mean - flow.benchmarkHours) / flow.benchmarkHours) * 100 : null;

  const stepColumns: TableProps<StepStatView>['columns'] = [
    {
      key: 'name',
      title: t('analytics.bottleneck.step'),
      render: (_, s) => (
        <Space size={4} wrap>
          <span>{s.name}</span>
          {s.slowest && <Tag color="error">{t('analytics.bottleneck.slowest')}</Tag>}
          {s.isApproval && <Tag>{t('analytics.bottleneck.approval')}</Tag>}
        </Space>
      ),
    },
    { key: 'count', title: t('analytics.bottleneck.count'), dataIndex: 'count', align: 'right', width: 80 },
    { key: 'median', title: t('analytics.bottleneck.median'), align: 'right', width: 100, render: (_, s) => hoursText(s.medianHours) },
    { key: 'p90', title: t('analytics.bottleneck.p90'), align: 'right', width: 100, render: (_, s) => hoursText(s.p90Hours) },
    { key: 'share', title: t('analytics.bottleneck.share'), align: 'right', width: 100, render: (_, s) => percentText(s.share) },
    { key: 'overdue', title: t('analytics.bottleneck.overdue'), align: 'right', width: 90, render: (_, s) => percentText(s.overdueRate) },
    { key: 'rework', title: t('analytics.bottleneck.rework'), align: 'right', width: 90, render: (_, s) => percentText(s.reworkRate) },
  ];
  const deptColumns: TableProps<BottleneckFlowView['departments'][number]>['columns'] = [
    { key: 'name', title: t('analytics.bottleneck.department'), dataIndex: 'departmentName' },
    { key: 'tasks', title: t('analytics.bottleneck.tasks'), dataIndex: 'tasks', align: 'right', width: 90 },
    {
      key: 'overdue',
      title: t('analytics.bottleneck.overdue'),
      align: 'right',
      width: 100,
      render: (_, d) => <Typography.Text type={d.overdueRate !== null && d.overdueRate >= 30 ? 'danger' : undefined}>{percentText(d.overdueRate)}</Typography.Text>,
    },
    { key: 'mean', title: t('analytics.bottleneck.meanHours'), align: 'right', width: 110, render: (_, d) => hoursText(d.meanHours) },
  ];

  return (
    <Card
      title={flow.name}
      extra={<Link to={casesHref(flow, query)} data-testid="bottleneck-open-cases">{t('analytics.bottleneck.openCases')}</Link>}
      style={{ marginBottom: 16 }}
      data-testid="bottleneck-flow"
      data-template={flow.templateId ?? 'hazard'}
    >
      <Typography.Text type="secondary">{t('analytics.bottleneck.cases', { cases: flow.cases, completed: flow.completed })}</Typography.Text>
      <Row gutter={[16, 16]} style={{ margin: '12px 0' }}>
        <Col xs={12} md={6}>
          <Statistic title={`${t('analytics.bottleneck.cycle')} · ${t('analytics.bottleneck.median')}`} value={hoursText(flow.cycle.medianHours)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={`${t('analytics.bottleneck.cycle')} · ${t('analytics.bottleneck.p90')}`} value={hoursText(flow.cycle.p90Hours)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={`${t('analytics.bottleneck.cycle')} · ${t('analytics.bottleneck.mean')}`} value={hoursText(mean)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('analytics.bottleneck.benchmark')} value={flow.benchmarkHours !== null ? hoursText(flow.benchmarkHours) : t('analytics.bottleneck.noBenchmark')} valueStyle={flow.benchmarkHours === null ? { fontSize: 16, color: '#8c8c8c' } : undefined} />
          {vs !== null && (
            <Typography.Text type={vs > 0 ? 'danger' : 'success'} style={{ fontSize: 12 }}>
              {t('analytics.bottleneck.vsBenchmark', { sign: vs > 0 ? '+' : '−', value: `${Math.abs(vs).toFixed(0)}%` })}
            </Typography.Text>
          )}
        </Col>
      </Row>
      {flow.steps.length > 0 && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={10}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('analytics.bottleneck.share')}
            </Typography.Title>
            <StepShareChart steps={flow.steps} testId={`bottleneck-chart-${index}`} />
          </Col>
          <Col xs={24} xl={14}>
            <Table<StepStatView> rowKey="step" size="small" columns={stepColumns} dataSource={flow.steps} pagination={false} scroll={{ x: phone ? 640 : undefined }} rowClassName={(s) => (s.slowest ? 'analytics-row-slowest' : '')} />
          </Col>
        </Row>
      )}
      <Typography.Title level={5}>
        <BulbOutlined /> {t('analytics.bottleneck.suggestions')}
      </Typography.Title>
      {flow.suggestions.length === 0 ? (
        <Typography.Text type="secondary">{t('analytics.bottleneck.noSuggestion')}</Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          {flow.suggestions.map((s, i) => (
            <Alert
              key={`${s.rule}-${s.step ?? ''}-${s.departmentId ?? ''}-${i}`}
              type="warning"
              showIcon
              data-testid="bottleneck-suggestion"
              message={s.text[lang]}
              description={
                <>
                  <div>
                    {t('analytics.bottleneck.evidence')}：{s.evidence[lang]}
                  </div>
                  {s.savingHours !== null && (
                    <Typography.Text strong>{t('analytics.bottleneck.saving', { hours: hoursText(s.savingHours), share: percentText(s.savingShare) })}</Typography.Text>
                  )}
                </>
              }
            />
          ))}
        </Flex>
      )}
      {flow.departments.length > 0 && (
        <>
          <Typography.Title level={5}>{t('analytics.bottleneck.departments')}</Typography.Title>
          <Table rowKey="departmentId" size="small" columns={deptColumns} dataSource={flow.departments} pagination={false} />
        </>
      )}
    </Card>
  );
}

export default function BottleneckPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const [filters, update] = useDashboardFilters();
  const query = apiQuery({ from: filters.from, to: filters.to });
  const result = useBottlenecks(query);
  useLiveAnalytics();
  usePageTitle(t('analytics.bottleneck.title'));

  if (result.isError && !result.data) return <ErrorState error={result.error} onRetry={() => void result.refetch()} />;
  const data = result.data;
  // the hazard loop first, then the templates by how many cases they had
  const flows = data ? [...data.flows].sort((a, b) => (a.templateId === null ? -1 : b.templateId === null ? 1 : b.cases - a.cases)) : [];

  return (
    <div data-testid="analytics-bottlenecks">
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: phone ? 12 : 20 } }}>
        <div className="zhian-page-title">
          <Typography.Title level={4}>{t('analytics.bottleneck.title')}</Typography.Title>
          <Button icon={<ReloadOutlined />} onClick={() => void result.refetch()} loading={result.isFetching} aria-label={t('analytics.refresh')} />
        </div>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t('analytics.bottleneck.intro')} {t('analytics.bottleneck.precision')}
        </Typography.Paragraph>
        <FilterBar filters={filters} onChange={update} phone={phone} />
      </Card>
      {!data ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : flows.length === 0 ? (
        <Card>
          <Empty description={t('analytics.bottleneck.empty')} />
        </Card>
      ) : (
        flows.map((f, i) => <FlowCard key={f.templateId ?? 'hazard'} flow={f} query={query} index={i} />)
      )}
    </div>
  );
}
