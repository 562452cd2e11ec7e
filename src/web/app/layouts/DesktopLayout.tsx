import { useMemo, useState } from 'react';
import { Layout, Menu, Tooltip, Typography, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth, useMe } from '../../platform/auth/AuthProvider';
import { NotificationBell } from '../../modules/notifications/NotificationBell';
import { NAV, navEntryFor, selectedNavKey, visibleNav, type NavEntry } from '../nav';
import { RealtimeStatus } from './RealtimeStatus';
import { UserMenu } from './UserMenu';
import { browserOutsideChinaTime } from '../../platform/time';
import logo from '../../favicon.svg';

const { Sider, Header, Content } = Layout;

export function DesktopLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [collapsed, setCollapsed] = useState(false);

  const items = useMemo(() => {
    const toItem = (e: NavEntry): NonNullable<MenuProps['items']>[number] =>
      e.children
        ? { key: e.key, icon: e.icon, label: t(e.label), children: e.children.map(toItem) }
        : { key: e.key, icon: e.icon, label: t(e.label) };
    return visibleNav(NAV, can).map(toItem);
  }, [t, can]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={220} breakpoint="lg" className="zhian-sider" data-testid="app-sider">
        <div className="zhian-logo" title={t('app.fullName')}>
          <img src={logo} alt="" />
          {!collapsed && <span>{t('app.name')}</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          className="zhian-sider-menu"
          data-testid="app-menu"
          items={items}
          selectedKeys={[selectedNavKey(pathname)]}
          defaultOpenKeys={[...new Set(['hazards', navEntryFor(pathname)?.group ?? 'hazards'])]}
          onClick={({ key }) => navigate(key)}
        />
      </Sider>
      <Layout>
        <Header className="zhian-header">
          <Typography.Text strong data-testid="tenant-name" style={{ fontSize: 16 }}>
            {me.tenant.name}
          </Typography.Text>
          <span className="zhian-header-spacer" />
          {browserOutsideChinaTime() && (
            <Tooltip title={t('common.chinaTimeNote')}>
              <span className="zhian-zone-note" data-testid="zone-note">
                {t('common.chinaTimeShort')}
              </span>
            </Tooltip>
          )}
          <RealtimeStatus />
          <NotificationBell />
          <UserMenu />
        </Header>
        <Content className="zhian-content">
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
