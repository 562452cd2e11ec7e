import { useState } from 'react';
import { Button, Card, Empty, Flex, Segmented, Skeleton, Typography } from 'antd';
import { CheckOutlined, SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorState } from '../../ui/States';
import { PAGE_LIMIT, useMarkAllRead, useMarkRead, useNotifications } from './queries';
import { NotificationItem } from './NotificationItem';
import { useOpenNotification } from './useOpenNotification';
import { usePageTitle } from '../../ui/usePageTitle';

/** 通知中心: every recent notification, unread ones highlighted; mark one or all as read. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const query = useNotifications(PAGE_LIMIT);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const openItem = useOpenNotification();
  usePageTitle(t('notifications.pageTitle'));

  if (query.isError && !query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const unread = query.data?.unread ?? 0;
  const items = (query.data?.items ?? []).filter((n) => filter === 'all' || !n.readAt);

  return (
    <Card
      title={
        <Flex align="center" gap={8} wrap>
          <span>{t('notifications.pageTitle')}</span>
          <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>
            {t('notifications.unreadCount', { count: unread })}
          </Typography.Text>
        </Flex>
      }
      extra={
        <Flex gap={8} align="center">
          <Link to="/notifications/settings" data-testid="notification-settings-link">
            <SettingOutlined /> {t('notifySettings.settingsLink')}
          </Link>
          <Button size="small" icon={<CheckOutlined />} disabled={!unread} loading={markAll.isPending} onClick={() => markAll.mutate()} data-testid="notification-read-all-page">
            {t('notifications.markAllRead')}
          </Button>
        </Flex>
      }
      styles={{ body: { padding: 12 } }}
    >
      <Segmented
        size="small"
        value={filter}
        onChange={(v) => setFilter(v as 'all' | 'unread')}
        options={[
          { value: 'all', label: t('common.all') },
          { value: 'unread', label: t('notifications.unreadOnly') },
        ]}
        style={{ marginBottom: 12 }}
      />
      {query.isPending ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty description={t('notifications.empty')} />
      ) : (
        <Flex vertical gap={4} data-testid="notification-list">
          {items.map((n) => (
            <Flex key={n.id} align="flex-start" gap={8}>
              <div style={{ flex: 1, minWidth: 0 }}>
                <NotificationItem item={n} onOpen={openItem} />
              </div>
              {!n.readAt && (
                <Button type="link" size="small" onClick={() => markRead.mutate(n.id)} style={{ marginTop: 8 }}>
                  {t('notifications.markRead')}
                </Button>
              )}
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}
