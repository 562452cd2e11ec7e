/** Field layout for phones: a compact top bar, the page, and a fixed bottom tab bar. */
import { BellOutlined, CarryOutOutlined, FormOutlined, LeftOutlined, MessageOutlined, ProfileOutlined } from '@ant-design/icons';
import { useConversations } from '../../modules/comms/queries';
import type { ReactNode } from 'react';
import { Badge, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { NotificationBell } from '../../modules/notifications/NotificationBell';
import { useNotifications } from '../../modules/notifications/queries';
import { RealtimeStatus } from './RealtimeStatus';
import { navEntryFor } from '../nav';
import { UserMenu } from './UserMenu';

type Tab = 'report' | 'tasks' | 'mine' | 'messages' | 'notifications' | null;

function activeTab(pathname: string, mine: boolean): Tab {
  if (pathname === '/hazards/new') return 'report';
  if (pathname === '/hazards' && mine) return 'mine';
  if (pathname === '/flows/tasks') return 'tasks';
  if (pathname.startsWith('/notifications')) return 'notifications';
  if (pathname === '/messages') return 'messages';
  return null;
}

export function PhoneLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const { pathname } = location;
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const unread = useNotifications().data?.unread ?? 0;
  const unreadMessages = useConversations().data?.unread ?? 0;
  const tab = activeTab(pathname, params.get('mine') === 'true');

  // the page's own menu label; a record's detail page (e.g. /hazards/<id>) says so
  const entry = navEntryFor(pathname);
  const title =
    tab === 'report'
      ? t('nav.hazardNew')
      : tab === 'mine'
        ? t('nav.myReports')
        : tab === 'notifications'
          ? t(entry ? entry.label : 'nav.notifications') // 通知中心, 通知设置 or 通知渠道
          : tab === 'tasks'
            ? t('nav.flowTasks')
            : pathname.startsWith('/messages')
              ? t('nav.messages')
            : /^\/hazards\/[0-9a-f-]{36}/.test(pathname)
              ? t('hazards.detail.pageTitle')
              : /^\/flows\/instances\/[0-9a-f-]{36}/.test(pathname)
                ? t('nav.flowBoard')
                : entry
                  ? t(entry.label)
                  : t('app.name');
  const deep = pathname !== '/' && tab === null;

  const tabs: { key: Exclude<Tab, null>; to: string; icon: ReactNode; label: string }[] = [
    { key: 'report', to: '/hazards/new', icon: <FormOutlined />, label: t('nav.tabReport') },
    { key: 'tasks', to: '/flows/tasks', icon: <CarryOutOutlined />, label: t('nav.tabTasks') },
    { key: 'mine', to: '/hazards?mine=true', icon: <ProfileOutlined />, label: t('nav.tabMine') },
    {
      key: 'messages',
      to: '/messages',
      icon: (
        <Badge count={unreadMessages} size="small" offset={[4, 0]}>
          <MessageOutlined style={{ fontSize: 22, color: 'inherit' }} />
        </Badge>
      ),
      label: t('nav.tabMessages'),
    },
    {
      key: 'notifications',
      to: '/notifications',
      icon: (
        <Badge count={unread} size="small" offset={[4, 0]}>
          <BellOutlined style={{ fontSize: 22, color: 'inherit' }} />
        </Badge>
      ),
      label: t('nav.tabNotifications'),
    },
  ];

  return (
    <div className="zhian-phone">
      <header className="zhian-phone-top">
        {deep && (
          <Button type="text" size="small" icon={<LeftOutlined />} aria-label={t('common.back')} onClick={() => (location.key === 'default' ? navigate('/') : navigate(-1))} />
        )}
        <Link to="/" className="zhian-phone-title" style={{ color: '#fff' }}>
          {title}
        </Link>
        <RealtimeStatus compact />
        <NotificationBell phone />
        <UserMenu compact />
      </header>
      <main className="zhian-phone-content">
        <Outlet />
      </main>
      <nav className="zhian-tabbar" data-testid="bottom-nav">
        {tabs.map((x) => (
          <Link key={x.key} to={x.to} className="zhian-tab" data-testid={`bottom-nav-${x.key}`} aria-current={tab === x.key ? 'page' : undefined}>
            {x.icon}
            <span>{x.label}</span>
          </Link>
        ))}
      </nav>
    </div>
  );
}
