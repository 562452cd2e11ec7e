/** 投递记录: failures first by default, the last error in full on hover, and a retry for failed / dead ones. */
import { useState } from 'react';
import { App, Button, Empty, Flex, Segmented, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime, RelativeTime } from '../../../ui/DateTime';
import { errorText } from '../../../ui/errors';
import { DELIVERY_STATES, type Delivery, type DeliveryState } from '../channelsApi';
import { useDeliveries, useRetryDelivery } from '../channelsQueries';
import { ChannelKindIcon } from './ChannelKindIcon';

const PAGE_SIZE = 20;
const STATE_COLOR: Record<DeliveryState, string> = { pending: 'processing', sent: 'success', failed: 'warning', dead: 'error' };
type Filter = 'problems' | 'all' | DeliveryState;

export function DeliveriesTable() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<Filter>('problems');
  const [page, setPage] = useState(1);
  const state: DeliveryState[] | undefined = filter === 'problems' ? ['failed', 'dead'] : filter === 'all' ? undefined : [filter];
  const list = useDeliveries({ state, page, pageSize: PAGE_SIZE });
  const retry = useRetryDelivery();

  const columns: TableProps<Delivery>['columns'] = [
    { key: 'createdAt', title: t('notifySettings.delivery.createdAt'), width: 120, render: (_, d) => <RelativeTime value={d.createdAt} /> },
    {
      key: 'channel',
      title: t('notifySettings.delivery.channel'),
      width: 200,
      ellipsis: true,
      render: (_, d) => (
        <Flex gap={6} align="center">
          <ChannelKindIcon kind={d.channel.kind} size={14} />
          <span>{d.channel.name}</span>
        </Flex>
      ),
    },
    { key: 'recipient', title: t('notifySettings.delivery.recipient'), width: 190, ellipsis: true, render: (_, d) => (d.channel.kind === 'email' ? d.recipient : t(`notifySettings.kind.${d.channel.kind}`)) },
    {
      key: 'title',
      title: t('notifySettings.delivery.title'),
      width: 280,
      ellipsis: true,
      render: (_, d) => (
        <>
          {d.urgent && <Tag color="red">{t('notifySettings.urgent')}</Tag>}
          {d.title}
        </>
      ),
    },
    {
      key: 'state',
      title: t('notifySettings.delivery.state'),
      width: 100,
      render: (_, d) => (
        <Tag color={STATE_COLOR[d.state]} data-testid={`delivery-state-${d.state}`}>
          {t(`notifySettings.deliveryState.${d.state}`)}
        </Tag>
      ),
    },
    { key: 'attempts', title: t('notifySettings.delivery.attempts'), width: 90, align: 'right', render: (_, d) => d.attempts },
    {
      key: 'next',
      title: t('notifySettings.delivery.nextAttempt'),
      width: 150,
      render: (_, d) => (d.state === 'failed' && d.nextAttemptAt ? formatDateTime(d.nextAttemptAt) : '—'),
    },
    {
      key: 'error',
      title: t('notifySettings.delivery.lastError'),
      width: 240,
      ellipsis: { showTitle: false },
      render: (_, d) =>
        d.lastError ? (
          <Tooltip title={d.lastError}>
            <Typography.Text type="danger">{d.lastError}</Typography.Text>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      key: 'actions',
      title: '',
      width: 100,
      fixed: 'right',
      render: (_, d) =>
        d.state === 'failed' || d.state === 'dead' ? (
          <Button
            size="small"
            loading={retry.isPending && retry.variables === d.id}
            onClick={() =>
              retry.mutate(d.id, {
                onSuccess: () => void message.success(t('notifySettings.retried')),
                onError: (err) => void message.error(errorText(err, t)),
              })
            }
            data-testid="delivery-retry"
          >
            {t('notifySettings.retry')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <Segmented<Filter>
        value={filter}
        onChange={(v) => {
          setFilter(v);
          setPage(1);
        }}
        options={[
          { value: 'problems', label: t('notifySettings.problemsOnly') },
          { value: 'all', label: t('common.all') },
          ...DELIVERY_STATES.map((s) => ({ value: s, label: t(`notifySettings.deliveryState.${s}`) })),
        ]}
        style={{ marginBottom: 12 }}
        data-testid="delivery-filter"
      />
      <Table<Delivery>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: 1480 }}
        locale={{ emptyText: <Empty description={t('notifySettings.noDeliveries')} /> }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
        data-testid="delivery-table"
      />
    </>
  );
}
