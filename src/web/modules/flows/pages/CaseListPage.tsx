/**
 * 协同案件: the collaboration cases the user may see, by status; 发起协同 for a case without a subject.
 * Links from the dashboards add templateId / departmentId / from / to (YYYY-MM-DD) to the URL: the
 * list shows them as removable tags with a reset button, and then lists every status by default.
 */
import { type HTMLAttributes } from 'react';
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Pagination, Segmented, Skeleton, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { RelativeTime } from '../../../ui/DateTime';
import { ErrorState } from '../../../ui/States';
import { useIsPhone } from '../../../ui/useIsPhone';
import { usePageTitle } from '../../../ui/usePageTitle';
import { CaseProgress } from '../components/CaseProgress';
import { LaunchFlowButton } from '../components/LaunchFlowButton';
import { CaseStatusTag } from '../components/StatusTags';
import { useCaseList, useFlowDepartments, useFlowTemplates } from '../queries';
import { CASE_STATUSES, type CaseStatus, type FlowCase } from '../types';

const PAGE_SIZE = 20;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Filters a link may carry besides the status (click-through from the dashboards). */
const LINK_FILTERS = ['templateId', 'departmentId', 'from', 'to'] as const;
type LinkFilter = (typeof LINK_FILTERS)[number];

/** The link filters of the URL; malformed values are ignored rather than sent. */
function linkFilters(params: URLSearchParams): Partial<Record<LinkFilter, string>> {
  const out: Partial<Record<LinkFilter, string>> = {};
  for (const k of LINK_FILTERS) {
    const v = params.get(k);
    if (v && (k === 'from' || k === 'to' ? DAY_RE.test(v) : UUID_RE.test(v))) out[k] = v;
  }
  return out;
}

function ActiveFilters({ filters, names, onRemove, onClear }: { filters: Partial<Record<LinkFilter, string>>; names: { template?: string; department?: string }; onRemove: (keys: LinkFilter[]) => void; onClear: () => void }) {
  const { t } = useTranslation();
  const tags: { keys: LinkFilter[]; label: string; testId: string }[] = [];
  if (filters.templateId) tags.push({ keys: ['templateId'], label: `${t('flows.field.template')}：${names.template ?? filters.templateId.slice(0, 8)}`, testId: 'flow-filter-template' });
  if (filters.departmentId) tags.push({ keys: ['departmentId'], label: `${t('flows.field.department')}：${names.department ?? filters.departmentId.slice(0, 8)}`, testId: 'flow-filter-department' });
  if (filters.from || filters.to) tags.push({ keys: ['from', 'to'], label: `${t('flows.field.startedAt')}：${filters.from ?? '…'} ~ ${filters.to ?? '…'}`, testId: 'flow-filter-period' });
  if (!tags.length) return null;
  return (
    <Space wrap size={[4, 8]} style={{ marginBottom: 12 }} data-testid="flow-active-filters">
      {tags.map((x) => (
        <Tag key={x.testId} color="blue" closable onClose={() => onRemove(x.keys)} data-testid={x.testId}>
          {x.label}
        </Tag>
      ))}
      <Button size="small" type="link" onClick={onClear} data-testid="flow-filter-clear">
        {t('common.reset')}
      </Button>
    </Space>
  );
}

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
  const filters = linkFilters(params);
  const filtered = Object.keys(filters).length > 0;
  // A link into the records behind a figure means every case of it, whatever its status.
  const defaultStatus = filtered ? 'all' : 'running';
  const raw = params.get('status');
  const status: CaseStatus | 'all' = raw === 'all' ? 'all' : CASE_STATUSES.includes(raw as CaseStatus) ? (raw as CaseStatus) : defaultStatus;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useCaseList({ status: status === 'all' ? undefined : [status], ...filters, page, pageSize: PAGE_SIZE });
  const templates = useFlowTemplates(!!filters.templateId);
  const departments = useFlowDepartments(!!filters.departmentId);
  usePageTitle(t('flows.pageTitle'));

  const update = (patch: { status?: string; page?: number }) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '' || (k === 'page' && v === 1) || (k === 'status' && v === defaultStatus)) next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: true });
  };
  const removeFilters = (keys: readonly LinkFilter[]) => {
    const next = new URLSearchParams(params);
    for (const k of [...keys, 'page']) next.delete(k);
    // Keep showing the same statuses once the last link filter is gone.
    if (status === 'all' && LINK_FILTERS.every((k) => keys.includes(k) || !filters[k])) next.set('status', 'all');
    setParams(next, { replace: true });
  };
  const templateName =
    templates.data?.find((x) => x.id === filters.templateId)?.name ?? list.data?.items.find((c) => c.template.id === filters.templateId)?.template.name;
  const departmentName = departments.data?.find((d) => d.id === filters.departmentId)?.name;
  const activeFilters = (
    <ActiveFilters filters={filters} names={{ template: templateName, department: departmentName }} onRemove={removeFilters} onClear={() => removeFilters(LINK_FILTERS)} />
  );

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
        {activeFilters}
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
      {activeFilters}
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
