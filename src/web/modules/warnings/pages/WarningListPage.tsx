/**
 * 预警看板: the current warnings first (active; those still waiting for answers at the top), a tab
 * with what waits for the user's department, and the history with filters. New warnings and
 * answers arrive live (`warning.updated` invalidates the lists). Cards on phones.
 */
import { useMemo, useState, type HTMLAttributes } from 'react';
import { NotificationOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { chinaDayStart } from '../../../platform/time';
import { Badge, Button, Card, Col, DatePicker, Empty, Flex, Pagination, Row, Select, Skeleton, Table, Tabs, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth, useMe } from '../../../platform/auth/AuthProvider';
import { formatDateTime } from '../../../ui/DateTime';
import { ErrorState } from '../../../ui/States';
import { useIsPhone } from '../../../ui/useIsPhone';
import { usePageTitle } from '../../../ui/usePageTitle';
import { RaiseWarningModal } from '../components/RaiseWarningModal';
import { answeredCount, ColorBadge, DepartmentStrip, SourceTag, StatusTags } from '../components/WarningBadges';
import { awaitsDepartment, WarningCard } from '../components/WarningCard';
import { WARNINGS_RAISE } from '../permissions';
import { useCurrentWarnings, useWarningList } from '../queries';
import {
  CAP_STATUSES,
  SOURCE_KINDS,
  WARNING_COLORS,
  WARNING_STATES,
  type CapStatus,
  type SourceKind,
  type WarningListQuery,
  type WarningState,
  type WarningSummary,
} from '../types';

const PAGE_SIZE = 20;
type TabKey = 'current' | 'pending' | 'history';

/** Waiting for answers first, then the most severe, then the newest. */
function byUrgency(a: WarningSummary, b: WarningSummary): number {
  const open = (w: WarningSummary) => (w.loop === 'open' ? 0 : 1);
  return open(a) - open(b) || WARNING_COLORS.indexOf(b.color) - WARNING_COLORS.indexOf(a.color) || b.sentAt.localeCompare(a.sentAt);
}

function CardGrid({ items, myDepartmentId, empty }: { items: WarningSummary[]; myDepartmentId: string | null; empty: string }) {
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <Row gutter={[12, 12]} data-testid="warning-cards">
      {items.map((w) => (
        <Col key={w.id} xs={24} lg={12} xxl={8}>
          <WarningCard w={w} myDepartmentId={myDepartmentId} />
        </Col>
      ))}
    </Row>
  );
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function useFilters() {
  const [params, setParams] = useSearchParams();
  const pick = <T extends string>(key: string, values: readonly T[]): T | undefined => values.find((v) => v === params.get(key));
  const filters = {
    tab: pick<TabKey>('tab', ['current', 'pending', 'history']) ?? 'current',
    state: pick<WarningState>('state', WARNING_STATES),
    sourceKind: pick<SourceKind>('source', SOURCE_KINDS),
    status: pick<CapStatus>('status', CAP_STATUSES),
    page: Math.max(1, Number(params.get('page')) || 1),
    // the period as days (YYYY-MM-DD) in the address; the query sends the instants
    from: DAY.test(params.get('from') ?? '') ? params.get('from')! : undefined,
    to: DAY.test(params.get('to') ?? '') ? params.get('to')! : undefined,
  };
  const update = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '' || (k === 'page' && v === 1) || (k === 'tab' && v === 'current')) next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: true });
  };
  return { filters, update };
}

function HistoryFilters({ filters, update }: ReturnType<typeof useFilters>) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const any = { value: '', label: t('warnings.filter.any') };
  const select = (key: string, label: string, value: string | undefined, options: { value: string; label: string }[]) => (
    <Select
      value={value ?? ''}
      onChange={(v) => update({ [key]: v || undefined, page: 1 })}
      options={[any, ...options]}
      style={{ minWidth: phone ? 0 : 140, flex: phone ? '1 1 45%' : undefined }}
      prefix={phone ? undefined : `${label}：`}
      aria-label={label}
      data-testid={`warning-filter-${key}`}
    />
  );
  return (
    <Flex gap={8} wrap style={{ marginBottom: 12 }}>
      {select('state', t('warnings.filter.state'), filters.state, WARNING_STATES.map((s) => ({ value: s, label: t(`warnings.state.${s}`) })))}
      {select('source', t('warnings.filter.source'), filters.sourceKind, SOURCE_KINDS.map((s) => ({ value: s, label: t(`warnings.source.${s}`) })))}
      {select('status', t('warnings.filter.status'), filters.status, CAP_STATUSES.map((s) => ({ value: s, label: t(`warnings.capStatus.${s}`) })))}
      <DatePicker.RangePicker
        value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
        allowEmpty={[true, true]}
        onChange={(v) => update({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD'), page: 1 })}
        style={{ width: phone ? '100%' : 260 }}
        aria-label={t('warnings.filter.period')}
        data-testid="warning-filter-period"
      />
    </Flex>
  );
}

function HistoryTable({ q, myDepartmentId, onPage }: { q: WarningListQuery; myDepartmentId: string | null; onPage: (p: number) => void }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const list = useWarningList(q);
  if (list.isError && !list.data) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  if (phone) {
    if (!list.data && list.isFetching) return <Skeleton active />;
    return (
      <div data-testid="warning-history">
        {items.length ? (
          <Flex vertical gap={10}>
            {items.map((w) => (
              <WarningCard key={w.id} w={w} myDepartmentId={myDepartmentId} />
            ))}
          </Flex>
        ) : (
          <Empty description={t('warnings.historyEmpty')} />
        )}
        {total > q.pageSize && (
          <Flex justify="center" style={{ marginTop: 12 }}>
            <Pagination simple current={q.page} pageSize={q.pageSize} total={total} onChange={onPage} />
          </Flex>
        )}
      </div>
    );
  }
  const columns: TableProps<WarningSummary>['columns'] = [
    { key: 'color', title: t('warnings.field.color'), width: 110, render: (_, w) => <ColorBadge color={w.color} /> },
    {
      key: 'headline',
      title: t('warnings.field.headline'),
      ellipsis: true,
      render: (_, w) => (
        <Flex gap={6} align="center" style={{ minWidth: 0 }}>
          <Link to={`/warnings/${w.id}`} title={w.headline} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
            {w.headline}
          </Link>
          <StatusTags w={w} />
        </Flex>
      ),
    },
    { key: 'event', title: t('warnings.field.event'), width: 90, render: (_, w) => w.event || t(`warnings.event.${w.eventType}`) },
    { key: 'source', title: t('warnings.field.source'), width: 130, render: (_, w) => <SourceTag kind={w.sourceKind} name={w.sourceName} /> },
    {
      key: 'responses',
      title: t('warnings.field.responses'),
      width: 260,
      render: (_, w) => (w.responses.length ? <DepartmentStrip responses={w.responses} myDepartmentId={myDepartmentId} /> : <Typography.Text type="secondary">—</Typography.Text>),
    },
    {
      key: 'answered',
      title: t('warnings.board.progress'),
      width: 90,
      render: (_, w) => {
        const { done, total: n } = answeredCount(w.responses);
        return n ? `${done}/${n}` : '—';
      },
    },
    { key: 'sentAt', title: t('warnings.field.sentAt'), width: 150, render: (_, w) => formatDateTime(w.sentAt) },
  ];
  return (
    <div data-testid="warning-history">
      <Table<WarningSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={list.isFetching}
        scroll={{ x: 1100 }}
        locale={{ emptyText: <Empty description={t('warnings.historyEmpty')} /> }}
        rowClassName={() => 'zhian-clickable-row'}
        onRow={(w) =>
          ({
            'data-testid': 'warning-row',
            'data-id': w.id,
            onClick: (e) => {
              if ((e.target as HTMLElement).closest('a,button')) return;
              navigate(`/warnings/${w.id}`);
            },
          }) as HTMLAttributes<HTMLElement>
        }
        pagination={{ current: q.page, pageSize: q.pageSize, total, onChange: onPage, showTotal: (n) => t('common.total', { count: n }), hideOnSinglePage: true }}
      />
    </div>
  );
}

export default function WarningListPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const me = useMe();
  const { can } = useAuth();
  const [raising, setRaising] = useState(false);
  const { filters, update } = useFilters();
  const myDepartmentId = me.department?.id ?? null;
  usePageTitle(t('warnings.boardTitle'));

  // the current warnings feed both the 当前 and the 待本部门响应 tabs (and their counts)
  const current = useCurrentWarnings();
  const active = useMemo(() => [...current.items].sort(byUrgency), [current.items]);
  const pending = useMemo(() => active.filter((w) => awaitsDepartment(w, myDepartmentId)), [active, myDepartmentId]);
  const historyQuery: WarningListQuery = { state: filters.state, sourceKind: filters.sourceKind, status: filters.status,
    from: filters.from ? chinaDayStart(filters.from) : undefined,
    to: filters.to ? chinaDayStart(dayjs(filters.to).add(1, 'day').format('YYYY-MM-DD')) : undefined,
    page: filters.page, pageSize: PAGE_SIZE };

  const currentBody =
    current.isError && !current.loaded ? (
      <ErrorState error={current.error} onRetry={() => void current.refetch()} />
    ) : !current.loaded ? (
      <Skeleton active />
    ) : null;

  const tabs = [
    {
      key: 'current',
      // the count beside the label, not around it: wrapped text would lose the active tab's colour
      label: (
        <Flex gap={6} align="center">
          {t('warnings.tabs.current')}
          <Badge count={active.length} size="small" color="blue" />
        </Flex>
      ),
      children: currentBody ?? <CardGrid items={active} myDepartmentId={myDepartmentId} empty={t('warnings.currentEmpty')} />,
    },
    {
      key: 'pending',
      label: (
        <Flex gap={6} align="center" data-testid="warning-pending-count" data-count={pending.length}>
          {t('warnings.tabs.pending')}
          <Badge count={pending.length} size="small" />
        </Flex>
      ),
      children: currentBody ?? (
        <div data-testid="warning-pending">
          <CardGrid items={pending} myDepartmentId={myDepartmentId} empty={myDepartmentId ? t('warnings.pendingEmpty') : t('warnings.noDepartment')} />
        </div>
      ),
    },
    {
      key: 'history',
      label: t('warnings.tabs.history'),
      children: (
        <>
          <HistoryFilters filters={filters} update={update} />
          <HistoryTable q={historyQuery} myDepartmentId={myDepartmentId} onPage={(p) => update({ page: p })} />
        </>
      ),
    },
  ];

  const raiseButton = can(WARNINGS_RAISE) && (
    <Button type="primary" danger icon={<NotificationOutlined />} onClick={() => setRaising(true)} size={phone ? 'large' : undefined} data-testid="warning-raise-button">
      {t('warnings.raise.button')}
    </Button>
  );
  const content = (
    <Tabs
      activeKey={filters.tab}
      onChange={(k) => update({ tab: k, page: 1 })}
      items={tabs}
      data-testid="warning-tabs"
      size={phone ? 'large' : undefined}
    />
  );

  return (
    <div data-testid="warning-list">
      {phone ? (
        <>
          {/* the phone header already names the page */}
          {raiseButton && <Flex justify="flex-end">{raiseButton}</Flex>}
          {content}
        </>
      ) : (
        <Card>
          <Flex className="zhian-page-title" justify="space-between" align="center">
            <Typography.Title level={4}>{t('warnings.boardTitle')}</Typography.Title>
            <Flex gap={8}>
              {raiseButton}
              <Button icon={<ReloadOutlined />} onClick={() => void current.refetch()} loading={current.isFetching} aria-label={t('common.refresh')} />
            </Flex>
          </Flex>
          <Typography.Paragraph type="secondary">{t('warnings.intro')}</Typography.Paragraph>
          {content}
        </Card>
      )}
      <RaiseWarningModal open={raising} onClose={() => setRaising(false)} />
    </div>
  );
}
