/** Header bell: unread badge (live through the realtime provider) and the latest notifications. */
import { useState } from 'react';
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Divider, Empty, Flex, Popover, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useMarkAllRead, useNotifications } from './queries';
import { NotificationItem } from './NotificationItem';
import { useOpenNotification } from './useOpenNotification';

const SHOWN = 8;

export function UnreadCount({ count }: { count: number }) {
  return (
    <span className="zhian-count" data-testid="notification-count" data-count={count}>
      {count > 99 ? '99+' : count}
    </span>
  );
}

/** On phones the bell goes to the notification page instead of opening a popover. */
export function NotificationBell({ phone = false }: { phone?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const { data, isPending } = useNotifications();
  const markAll = useMarkAllRead();
  const openItem = useOpenNotification(() => setOpen(false));
  const unread = data?.unread ?? 0;

  const button = (
    <Button
      type="text"
      shape="circle"
      data-testid="notification-bell"
      aria-label={`${t('nav.notifications')} (${unread})`}
      onClick={phone ? () => navigate('/notifications') : undefined}
      icon={
        <Badge count={<UnreadCount count={unread} />} offset={[-2, 2]}>
          <BellOutlined style={{ fontSize: 18, color: phone ? '#fff' : undefined }} />
        </Badge>
      }
    />
  );
  if (phone) return button;

  const content = (
    <div className="zhian-notice-popover">
      <Flex justify="space-between" align="center" style={{ padding: '0 4px 8px' }}>
        <Typography.Text strong>{t('notifications.latest')}</Typography.Text>
        <Button type="link" size="small" disabled={!unread} loading={markAll.isPending} onClick={() => markAll.mutate()} data-testid="notification-read-all">
          {t('notifications.markAllRead')}
        </Button>
      </Flex>
      <div style={{ maxHeight: 420, overflowY: 'auto' }}>
        {isPending ? (
          <Flex justify="center" style={{ padding: 24 }}>
            <Spin />
          </Flex>
        ) : data?.items.length ? (
          data.items.slice(0, SHOWN).map((n) => <NotificationItem key={n.id} item={n} onOpen={openItem} />)
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
        )}
      </div>
      <Divider style={{ margin: '8px 0' }} />
      <Flex justify="center">
        <Link to="/notifications" onClick={() => setOpen(false)}>
          {t('notifications.viewAll')}
        </Link>
      </Flex>
    </div>
  );

  return (
    <Popover content={content} trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen} arrow={false}>
      {button}
    </Popover>
  );
}
