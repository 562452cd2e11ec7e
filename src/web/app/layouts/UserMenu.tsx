/** Display name + department; language, API docs (admins), log out. */
import { ApiOutlined, CheckOutlined, GlobalOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Dropdown, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth, useMe } from '../../platform/auth/AuthProvider';
import type { Locale } from '../../platform/api/types';
import { currentLocale } from '../../platform/i18n';
import { errorText } from '../../ui/errors';

export function UserMenu({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const { logout, setLocale, hasRole, can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const locale = currentLocale();
  const isAdmin = hasRole('admin') || can('users.manage');

  const items: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      label: (
        <div style={{ lineHeight: 1.4 }}>
          <div style={{ fontWeight: 600, color: 'rgba(0,0,0,0.88)' }}>{me.displayName}</div>
          <div style={{ fontSize: 12 }}>{me.department?.name ?? t('home.noDepartment')}</div>
        </div>
      ),
    },
    { type: 'divider' },
    // A flat group rather than a hover submenu: easier to tap on a phone.
    {
      key: 'language',
      type: 'group',
      label: (
        <span>
          <GlobalOutlined /> {t('header.language')}
        </span>
      ),
      children: [
        { key: 'locale:zh-CN', label: '中文', icon: locale === 'zh-CN' ? <CheckOutlined /> : <span style={{ width: 14 }} />, 'data-testid': 'locale-zh-CN' },
        { key: 'locale:en-US', label: 'English', icon: locale === 'en-US' ? <CheckOutlined /> : <span style={{ width: 14 }} />, 'data-testid': 'locale-en-US' },
      ],
    },
    ...(isAdmin ? [{ key: 'docs', icon: <ApiOutlined />, label: t('header.apiDocs') }] : []),
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), danger: true },
  ];

  const onClick: MenuProps['onClick'] = async ({ key }) => {
    if (key.startsWith('locale:')) {
      if (key.slice(7) === locale) return;
      try {
        await setLocale(key.slice(7) as Locale);
      } catch (err) {
        message.error(errorText(err, t));
      }
    } else if (key === 'docs') {
      window.open('/api/v1/docs', '_blank', 'noopener');
    } else if (key === 'logout') {
      await logout();
      message.success(t('header.loggedOut'));
      navigate('/login', { replace: true });
    }
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button type="text" data-testid="user-menu" aria-label={me.displayName} style={{ height: 'auto', padding: compact ? 4 : '4px 8px' }}>
        <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1677ff' }} />
        {!compact && (
          <span style={{ display: 'inline-flex', flexDirection: 'column', alignItems: 'flex-start', lineHeight: 1.25 }}>
            <span>{me.displayName}</span>
            <span style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{me.department?.name ?? t('home.noDepartment')}</span>
          </span>
        )}
      </Button>
    </Dropdown>
  );
}
