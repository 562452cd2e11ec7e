/** 通知渠道 (administrator): SMTP server and group robots, test sends, and the deliveries that failed. */
import { useState } from 'react';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Input, Modal, Popconfirm, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { RelativeTime } from '../../ui/DateTime';
import { ErrorState } from '../../ui/States';
import { errorText } from '../../ui/errors';
import { usePageTitle } from '../../ui/usePageTitle';
import type { Channel, TestResult } from './channelsApi';
import { useChannels, useDeleteChannel, useTestChannel } from './channelsQueries';
import { ChannelFormModal } from './components/ChannelFormModal';
import { ChannelKindIcon } from './components/ChannelKindIcon';
import { DeliveriesTable } from './components/DeliveriesTable';

export default function NotificationChannelsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const channels = useChannels();
  const remove = useDeleteChannel();
  const [editing, setEditing] = useState<{ channel: Channel | null } | null>(null);
  const [testing, setTesting] = useState<Channel | null>(null);
  usePageTitle(t('notifySettings.channelsTitle'));

  if (channels.isError && !channels.data) return <ErrorState error={channels.error} onRetry={() => void channels.refetch()} />;
  const failures = channels.data?.failures ?? { failed: 0, dead: 0 };
  const troubled = failures.failed + failures.dead > 0;

  const columns: TableProps<Channel>['columns'] = [
    {
      key: 'name',
      title: t('notifySettings.field.name'),
      render: (_, c) => (
        <Flex gap={8} align="center">
          <ChannelKindIcon kind={c.kind} />
          <div>
            <div>{c.name}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`notifySettings.kind.${c.kind}`)}
            </Typography.Text>
          </div>
        </Flex>
      ),
    },
    { key: 'department', title: t('notifySettings.field.department'), width: 130, render: (_, c) => (c.kind === 'email' ? '—' : (c.department?.name ?? t('notifySettings.field.wholeCompany'))) },
    {
      key: 'categories',
      title: t('notifySettings.field.categories'),
      width: 220,
      render: (_, c) => (c.kind === 'email' ? '—' : c.categories.map((k) => <Tag key={k}>{t(`notifySettings.categories.${k}`)}</Tag>)),
    },
    {
      key: 'enabled',
      title: t('notifySettings.field.enabled'),
      width: 90,
      render: (_, c) => <Tag color={c.enabled ? 'success' : 'default'}>{c.enabled ? t('notifySettings.enabledTag') : t('notifySettings.disabledTag')}</Tag>,
    },
    {
      key: 'stats',
      title: t('notifySettings.field.stats'),
      width: 190,
      render: (_, c) => (
        <Space size={4} wrap>
          {c.stats.failed > 0 && <Tag color="warning">{t('notifySettings.failedCount', { count: c.stats.failed })}</Tag>}
          {c.stats.dead > 0 && <Tag color="error">{t('notifySettings.deadCount', { count: c.stats.dead })}</Tag>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.stats.lastSentAt ? (
              <>
                {t('notifySettings.field.lastSent')} <RelativeTime value={c.stats.lastSentAt} />
              </>
            ) : (
              t('notifySettings.never')
            )}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'actions',
      title: t('notifySettings.field.actions'),
      width: 230,
      render: (_, c) => (
        <Space size={4}>
          <Button size="small" onClick={() => setTesting(c)} data-testid={`channel-test-${c.id}`}>
            {t('notifySettings.test')}
          </Button>
          <Button size="small" onClick={() => setEditing({ channel: c })}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('notifySettings.deleteConfirm', { name: c.name })}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              remove.mutate(c.id, {
                onSuccess: () => void message.success(t('notifySettings.deleted')),
                onError: (err) => void message.error(errorText(err, t)),
              })
            }
          >
            <Button size="small" danger>
              {t('notifySettings.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex className="zhian-page-title" justify="space-between" align="center" wrap gap={8}>
          <Flex align="center" gap={12}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('notifySettings.channelsTitle')}
            </Typography.Title>
            <Tag color={troubled ? 'error' : 'success'} data-testid="channel-failures" data-count={failures.failed + failures.dead}>
              {troubled ? t('notifySettings.failuresBadge', failures) : t('notifySettings.noFailures')}
            </Tag>
          </Flex>
          <Space>
            <Button icon={<ReloadOutlined />} onClick={() => void channels.refetch()} loading={channels.isFetching} aria-label={t('common.refresh')} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ channel: null })} data-testid="channel-add">
              {t('notifySettings.addChannel')}
            </Button>
          </Space>
        </Flex>
        <Typography.Paragraph type="secondary">{t('notifySettings.channelsIntro')}</Typography.Paragraph>
        <Table<Channel>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={channels.data?.items}
          loading={channels.isPending}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: <Empty description={t('notifySettings.empty')} /> }}
          data-testid="channel-table"
        />
      </Card>
      <Card title={t('notifySettings.deliveriesTitle')}>
        <DeliveriesTable />
      </Card>
      <ChannelFormModal open={!!editing} channel={editing?.channel ?? null} onClose={() => setEditing(null)} />
      <TestModal channel={testing} onClose={() => setTesting(null)} />
    </Flex>
  );
}

/** Sends a test message now and shows what the channel answered. */
function TestModal({ channel, onClose }: { channel: Channel | null; onClose: () => void }) {
  const { t } = useTranslation();
  const test = useTestChannel();
  const [to, setTo] = useState('');
  const [result, setResult] = useState<TestResult | null>(null);
  const close = () => {
    setResult(null);
    setTo('');
    test.reset();
    onClose();
  };
  const send = () => {
    if (!channel) return;
    setResult(null);
    test.mutate({ id: channel.id, to: channel.kind === 'email' && to.trim() ? to.trim() : undefined }, { onSuccess: setResult });
  };
  return (
    <Modal
      open={!!channel}
      title={channel ? `${t('notifySettings.test')}：${channel.name}` : ''}
      onCancel={close}
      onOk={send}
      okText={t('notifySettings.test')}
      cancelText={t('common.cancel')}
      confirmLoading={test.isPending}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        {channel?.kind === 'email' && <Input type="email" value={to} onChange={(e) => setTo(e.target.value)} placeholder={t('notifySettings.testTo')} />}
        {result && (
          <Alert
            type={result.ok ? 'success' : 'error'}
            showIcon
            title={result.ok ? t('notifySettings.testOk', { recipient: channel?.kind === 'email' ? result.recipient : channel?.name }) : t('notifySettings.testFailed', { error: result.error })}
            data-testid="channel-test-result"
          />
        )}
        {test.isError && <Alert type="error" showIcon title={errorText(test.error, t)} />}
      </Flex>
    </Modal>
  );
}
