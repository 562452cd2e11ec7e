/** 维修工单 (设备部): orders made from hazards about equipment, open work first; new ones arrive live. */
import { useState, type HTMLAttributes } from 'react';
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, List, Segmented, Table, Tag, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { RelativeTime } from '../../../ui/DateTime';
import { ErrorState } from '../../../ui/States';
import { useIsPhone } from '../../../ui/useIsPhone';
import { usePageTitle } from '../../../ui/usePageTitle';
import { REPAIR_STATUSES, type RepairOrder, type RepairStatus } from '../api';
import { RepairStatusTag } from '../components/RepairStatusTag';
import { useRepairList, useRepairsLive } from '../queries';

const PAGE_SIZE = 20;

export default function RepairListPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = REPAIR_STATUSES.includes(params.get('status') as RepairStatus) ? (params.get('status') as RepairStatus) : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useRepairList({ status, page, pageSize: PAGE_SIZE });
  // orders that arrived while the page is open are marked 新
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  useRepairsLive((id, type) => {
    if (id && type === 'repair.created') setFresh((s) => new Set([...s, id]));
  });
  usePageTitle(t('repairs.pageTitle'));

  const update = (patch: { status?: string; page?: number }) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '' || (k === 'page' && v === 1)) next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: true });
  };

  if (list.isError && !list.data) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;

  const filter = (
    <Segmented
      value={status ?? 'all'}
      onChange={(v) => update({ status: v === 'all' ? undefined : String(v), page: 1 })}
      options={[{ value: 'all', label: t('common.all') }, ...REPAIR_STATUSES.map((s) => ({ value: s, label: t(`repairs.status.${s}`) }))]}
      data-testid="repair-status-filter"
    />
  );
  const newTag = (o: RepairOrder) =>
    fresh.has(o.id) ? (
      <Tag color="gold" data-testid="repair-new-tag">
        {t('repairs.newTag')}
      </Tag>
    ) : null;

  const columns: TableProps<RepairOrder>['columns'] = [
    { key: 'code', title: t('repairs.field.code'), width: 150, render: (_, o) => <Link to={`/repairs/${o.id}`}>{o.code}</Link> },
    {
      key: 'equipment',
      title: t('repairs.field.equipment'),
      ellipsis: true,
      render: (_, o) => (
        <>
          {newTag(o)}
          {o.equipment.code} {o.equipment.name}
        </>
      ),
    },
    { key: 'area', title: t('repairs.field.area'), width: 140, ellipsis: true, render: (_, o) => o.equipment.area ?? '—' },
    {
      key: 'hazard',
      title: t('repairs.field.hazard'),
      ellipsis: true,
      render: (_, o) => (
        <span title={o.hazard.title}>
          <Typography.Text type="secondary">{o.hazard.code}</Typography.Text> {o.hazard.title}
        </span>
      ),
    },
    { key: 'status', title: t('repairs.field.status'), width: 100, render: (_, o) => <RepairStatusTag status={o.status} /> },
    { key: 'assignee', title: t('repairs.field.assignee'), width: 120, render: (_, o) => o.assignee?.displayName ?? '—' },
    { key: 'createdAt', title: t('repairs.field.createdAt'), width: 120, render: (_, o) => <RelativeTime value={o.createdAt} /> },
  ];

  if (phone) {
    return (
      <div data-testid="repair-list">
        <div style={{ marginBottom: 12, overflowX: 'auto' }}>{filter}</div>
        <List
          dataSource={list.data?.items}
          loading={list.isFetching && !list.data}
          locale={{ emptyText: <Empty description={t('repairs.empty')} /> }}
          pagination={
            (list.data?.total ?? 0) > PAGE_SIZE
              ? { current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: (p) => update({ page: p }), simple: true, align: 'center' }
              : false
          }
          renderItem={(o) => (
            <Card size="small" style={{ marginBottom: 12 }} onClick={() => navigate(`/repairs/${o.id}`)} data-testid={`repair-row-${o.code}`}>
              <Flex justify="space-between" align="center" gap={8}>
                <Typography.Text strong ellipsis>
                  {newTag(o)}
                  {o.equipment.code} {o.equipment.name}
                </Typography.Text>
                <RepairStatusTag status={o.status} />
              </Flex>
              <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '6px 0 0' }}>
                {o.hazard.title}
              </Typography.Paragraph>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {o.code} · <RelativeTime value={o.createdAt} />
              </Typography.Text>
            </Card>
          )}
        />
      </div>
    );
  }

  return (
    <Card>
      <Flex className="zhian-page-title" justify="space-between" align="center">
        <Typography.Title level={4}>{t('repairs.pageTitle')}</Typography.Title>
        <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching} aria-label={t('common.refresh')} />
      </Flex>
      <Typography.Paragraph type="secondary">{t('repairs.intro')}</Typography.Paragraph>
      <div style={{ marginBottom: 16 }}>{filter}</div>
      <div data-testid="repair-list">
        <Table<RepairOrder>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={{ x: 960 }}
          locale={{ emptyText: <Empty description={t('repairs.empty')} /> }}
          rowClassName={(o) => (fresh.has(o.id) ? 'hazard-row-new zhian-clickable-row' : 'zhian-clickable-row')}
          onRow={(o) =>
            ({
              'data-testid': `repair-row-${o.code}`,
              onClick: (e) => {
                if ((e.target as HTMLElement).closest('a,button')) return;
                navigate(`/repairs/${o.id}`);
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
