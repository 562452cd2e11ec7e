/** 协同案件: the collaboration cases the user may see, by status; 发起协同 for a case without a subject. */
import { type HTMLAttributes } from 'react';
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Pagination, Segmented, Skeleton, Table, Tag, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { RelativeTime } from '../../../ui/DateTime';
import { ErrorState } from '../../../ui/States';
import { useIsPhone } from '../../../ui/useIsPhone';
import { usePageTitle } from '../../../ui/usePageTitle';
import { CaseProgress } from '../components/CaseProgress';
import { LaunchFlowButton } from '../components/LaunchFlowButton';
import { CaseStatusTag } from '../components/StatusTags';
import { useCaseList } from '../queries';
import { CASE_STATUSES, type CaseStatus, type FlowCase } from '../types';

const PAGE_SIZE = 20;

function Overdue({ flow }: { flow: FlowCase }) {
  const { t } = useTranslation();
  if (!flow.progress.overdue || flow.status !== 'running') return <Typography.Text type="secondary">0</Typography.Text>;
  return (
    <Tag color="red" data-testid="flow-overdue-count">
      {t('flows.overdueCount', { count: flow.progress.overdue })}
    </Tag>
  );
}

export default function CaseListPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status: CaseStatus | 'all' = raw === 'all' ? 'all' : CASE_STATUSES.includes(raw as CaseStatus) ? (raw as CaseStatus) : 'running';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useCaseList({ status: status === 'all' ? undefined : [status], page, pageSize: PAGE_SIZE });
  usePageTitle(t('flows.pageTitle'));

  const update = (patch: { status?: string; page?: number }) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '' || (k === 'page' && v === 1) || (k === 'status' && v === 'running')) next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: true });
  };

  if (list.isError && !list.data) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;

  const filter = (
    <Segmented
      value={status}
      onChange={(v) => update({ status: String(v), page: 1 })}
      options={[...CASE_STATUSES.map((s) => ({ value: s, label: t(`flows.caseStatus.${s}`) })), { value: 'all', label: t('common.all') }]}
      data-testid="flow-status-filter"
    />
  );
  const empty = <Empty description={t('flows.empty')} />;
  const items = list.data?.items ?? [];

  if (phone) {
    return (
      <div data-testid="flow-case-list">
        <Flex gap={8} align="center" justify="space-between" style={{ marginBottom: 12 }}>
          <div style={{ overflowX: 'auto', minWidth: 0 }}>{filter}</div>
          <LaunchFlowButton subject={null} type="primary" />
        </Flex>
        {!list.data && list.isFetching ? (
          <Skeleton active />
        ) : items.length ? (
          <>
            {items.map((c) => (
              <Card key={c.id} size="small" hoverable className="zhian-hazard-card" onClick={() => navigate(`/flows/instances/${c.id}`)} data-testid={`flow-row-${c.code}`}>
                <Flex justify="space-between" align="center" gap={8}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.code}
                  </Typography.Text>
                  <Flex gap={4}>
                    {c.progress.overdue > 0 && c.status === 'running' && <Overdue flow={c} />}
                    <CaseStatusTag status={c.status} />
                  </Flex>
                </Flex>
                <Typography.Text strong style={{ display: 'block', margin: '6px 0', fontSize: 15 }} ellipsis>
                  {c.title}
                </Typography.Text>
                <Flex justify="space-between" align="center" gap={8}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                    {c.template.name} · <RelativeTime value={c.startedAt} />
                  </Typography.Text>
                  <CaseProgress flow={c} width={110} />
                </Flex>
              </Card>
            ))}
            {(list.data?.total ?? 0) > PAGE_SIZE && (
              <Flex justify="center" style={{ marginTop: 8 }}>
                <Pagination simple current={page} pageSize={PAGE_SIZE} total={list.data?.total} onChange={(p) => update({ page: p })} />
              </Flex>
            )}
          </>
        ) : (
          empty
        )}
      </div>
    );
  }

  const columns: TableProps<FlowCase>['columns'] = [
    { key: 'code', title: t('flows.field.code'), width: 170, render: (_, c) => <Link to={`/flows/instances/${c.id}`}>{c.code}</Link> },
    {
      key: 'title',
      title: t('flows.field.title'),
      ellipsis: true,
      render: (_, c) => (
        <span title={c.title}>
          {c.title}
          {c.subject && (
            <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
              {c.subject.code}
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      key: 'template',
      title: t('flows.field.template'),
      width: 180,
      ellipsis: true,
      render: (_, c) => (
        <span title={`${c.template.name} v${c.template.version}`}>
          {c.template.name} <Typography.Text type="secondary">v{c.template.version}</Typography.Text>
        </span>
      ),
    },
    { key: 'status', title: t('flows.field.status'), width: 90, render: (_, c) => <CaseStatusTag status={c.status} /> },
    { key: 'progress', title: t('flows.field.progress'), width: 150, render: (_, c) => <CaseProgress flow={c} /> },
    { key: 'overdue', title: t('flows.field.overdue'), width: 100, render: (_, c) => <Overdue flow={c} /> },
    { key: 'startedAt', title: t('flows.field.startedAt'), width: 120, render: (_, c) => <RelativeTime value={c.startedAt} /> },
    { key: 'initiator', title: t('flows.field.initiator'), width: 110, ellipsis: true, render: (_, c) => c.initiator?.displayName ?? '—' },
  ];

  return (
    <Card>
      <Flex className="zhian-page-title" justify="space-between" align="center">
        <Typography.Title level={4}>{t('flows.pageTitle')}</Typography.Title>
        <Flex gap={8}>
          <LaunchFlowButton subject={null} type="primary" />
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching} aria-label={t('common.refresh')} />
        </Flex>
      </Flex>
      <Typography.Paragraph type="secondary">{t('flows.casesIntro')}</Typography.Paragraph>
      <div style={{ marginBottom: 16 }}>{filter}</div>
      <div data-testid="flow-case-list">
        <Table<FlowCase>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={list.isFetching}
          scroll={{ x: 1000 }}
          locale={{ emptyText: empty }}
          rowClassName={() => 'zhian-clickable-row'}
          onRow={(c) =>
            ({
              'data-testid': `flow-row-${c.code}`,
              onClick: (e) => {
                if ((e.target as HTMLElement).closest('a,button')) return;
                navigate(`/flows/instances/${c.id}`);
              },
            }) as HTMLAttributes<HTMLElement>
          }
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            onChange: (p) => update({ page: p }),
            showTotal: (total) => t('common.total', { count: total }),
          }}
        />
      </div>
    </Card>
  );
}
