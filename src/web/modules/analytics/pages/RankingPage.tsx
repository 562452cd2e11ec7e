/**
 * 部门综合评分排名 (C14): departments scored on how they use the system — timeliness,
 * completeness, participation — weighted into one score, with the change against the previous
 * period. The committee and the safety office see every department.
 */
import { ArrowDownOutlined, ArrowUpOutlined, InfoCircleOutlined, ReloadOutlined, TrophyTwoTone } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Skeleton, Table, Tooltip, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../ui/States';
import { useIsPhone } from '../../../ui/useIsPhone';
import { usePageTitle } from '../../../ui/usePageTitle';
import { COLORS } from '../../../ui/charts/echarts';
import { FilterBar } from '../components/FilterBar';
import { ScoreChart } from '../components/ScoreChart';
import { apiQuery, useDashboardFilters } from '../period';
import { useLiveAnalytics, useScores } from '../queries';
import type { DepartmentScoreView } from '../types';

const score = (v: number | null) => (v === null ? '—' : v.toFixed(1));
const MEDALS = ['#faad14', '#bfbfbf', '#d48806'];

function Change({ d }: { d: DepartmentScoreView }) {
  if (d.score === null || d.previousScore === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const delta = d.score - d.previousScore;
  if (Math.abs(delta) < 0.05) return <Typography.Text type="secondary">0.0</Typography.Text>;
  return (
    <span style={{ color: delta > 0 ? COLORS.good : COLORS.bad }}>
      {delta > 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {Math.abs(delta).toFixed(1)}
    </span>
  );
}

export default function RankingPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const [filters, update] = useDashboardFilters();
  const query = apiQuery({ from: filters.from, to: filters.to });
  const result = useScores(query);
  useLiveAnalytics();
  usePageTitle(t('analytics.ranking.title'));

  if (result.isError && !result.data) return <ErrorState error={result.error} onRetry={() => void result.refetch()} />;
  const data = result.data;

  const columns: TableProps<DepartmentScoreView>['columns'] = [
    {
      key: 'rank',
      title: t('analytics.ranking.rank'),
      width: 70,
      align: 'center',
      render: (_, d) => (d.rank <= 3 && d.score !== null ? <TrophyTwoTone twoToneColor={MEDALS[d.rank - 1]} style={{ fontSize: 18 }} aria-label={String(d.rank)} /> : d.rank),
    },
    { key: 'name', title: t('analytics.ranking.department'), dataIndex: 'departmentName', fixed: phone ? undefined : 'left' },
    { key: 'score', title: t('analytics.ranking.score'), align: 'right', width: 90, render: (_, d) => <Typography.Text strong>{score(d.score)}</Typography.Text> },
    { key: 'timeliness', title: t('analytics.ranking.timeliness'), align: 'right', width: 90, render: (_, d) => score(d.timeliness) },
    { key: 'completeness', title: t('analytics.ranking.completeness'), align: 'right', width: 90, render: (_, d) => score(d.completeness) },
    { key: 'participation', title: t('analytics.ranking.participation'), align: 'right', width: 90, render: (_, d) => score(d.participation) },
    { key: 'change', title: t('analytics.ranking.change'), align: 'right', width: 90, render: (_, d) => <Change d={d} /> },
    {
      key: 'basis',
      title: t('analytics.ranking.basis'),
      width: 70,
      align: 'center',
      render: (_, d) => (
        <Tooltip title={t('analytics.ranking.basisText', d.basis)}>
          <InfoCircleOutlined style={{ color: COLORS.muted }} />
        </Tooltip>
      ),
    },
  ];

  return (
    <div data-testid="analytics-ranking">
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: phone ? 12 : 20 } }}>
        <div className="zhian-page-title">
          <Typography.Title level={4}>{t('analytics.ranking.title')}</Typography.Title>
          <Button icon={<ReloadOutlined />} onClick={() => void result.refetch()} loading={result.isFetching} aria-label={t('analytics.refresh')} />
        </div>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8, marginBottom: 4 }}>
          {t('analytics.ranking.intro')}
        </Typography.Paragraph>
        {data && (
          <Typography.Paragraph style={{ marginBottom: 12 }} data-testid="ranking-weights">
            <Typography.Text strong>{t('analytics.ranking.weights', data.weights)}</Typography.Text>
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('analytics.ranking.weightsHelp')}
            </Typography.Text>
          </Typography.Paragraph>
        )}
        <FilterBar filters={filters} onChange={update} phone={phone} />
      </Card>
      {!data ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : data.departments.length === 0 ? (
        <Card>
          <Empty description={t('analytics.ranking.empty')} />
        </Card>
      ) : (
        <Flex vertical gap={16}>
          <Card size="small">
            <ScoreChart data={data} />
          </Card>
          <Card size="small">
            <Table<DepartmentScoreView> rowKey="departmentId" size="middle" columns={columns} dataSource={data.departments} pagination={false} scroll={{ x: 680 }} data-testid="ranking-table" />
          </Card>
        </Flex>
      )}
    </div>
  );
}
