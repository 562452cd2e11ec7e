import { Typography } from 'antd';
import type { AppNotification } from '../../platform/api/types';
import { RelativeTime } from '../../ui/DateTime';

/** One notification row; unread ones are tinted and marked with a dot. */
export function NotificationItem({ item, onOpen }: { item: AppNotification; onOpen: (item: AppNotification) => void }) {
  return (
    <div
      className="zhian-notice-item"
      data-testid="notification-item"
      data-unread={item.readAt ? 'false' : 'true'}
      data-id={item.id}
      role="button"
      tabIndex={0}
      onClick={() => onOpen(item)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen(item);
        }
      }}
    >
      <div className="zhian-notice-title">{item.title}</div>
      {item.body && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '2px 0 0', fontSize: 13 }}>
          {item.body}
        </Typography.Paragraph>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <RelativeTime value={item.createdAt} />
      </Typography.Text>
    </div>
  );
}
