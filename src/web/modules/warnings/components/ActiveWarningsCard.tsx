/** 当前预警 on the home page: the active warnings at a glance, and how many wait for my department. */
import { NotificationOutlined, RightOutlined } from '@ant-design/icons';
import { Card, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../../../platform/auth/AuthProvider';
import { useCurrentWarnings } from '../queries';
import { WARNING_COLORS } from '../types';
import { awaitsDepartment } from './WarningCard';
import { ColorBadge, StatusTags } from './WarningBadges';

const SHOWN = 5;

export function ActiveWarningsCard() {
  const { t } = useTranslation();
  const me = useMe();
  // the same queries as the warning board's current tab, so both share the cache
  const list = useCurrentWarnings();
  const items = [...list.items].sort((a, b) => WARNING_COLORS.indexOf(b.color) - WARNING_COLORS.indexOf(a.color) || b.sentAt.localeCompare(a.sentAt));
  const pending = items.filter((w) => awaitsDepartment(w, me.department?.id)).length;
  return (
    <Card
      size="small"
      loading={list.isPending}
      data-testid="home-warnings"
      title={
        <Flex gap={8} align="center">
          <NotificationOutlined />
          {t('warnings.home.title')}
          {pending > 0 && (
            <Tag color="volcano" style={{ marginInlineEnd: 0 }} data-testid="home-warnings-pending">
              {t('warnings.home.pending', { count: pending })}
            </Tag>
          )}
        </Flex>
      }
      extra={
        <Link to="/warnings">
          {t('warnings.home.all')} <RightOutlined />
        </Link>
      }
    >
      {items.length ? (
        <Flex vertical gap={8}>
          {items.slice(0, SHOWN).map((w) => (
            <Link key={w.id} to={`/warnings/${w.id}`} data-testid="home-warning" style={{ color: 'inherit' }}>
              <Flex gap={8} align="center" style={{ minWidth: 0 }}>
                <ColorBadge color={w.color} />
                <Typography.Text ellipsis style={{ flex: 1, minWidth: 0 }}>
                  {w.headline}
                </Typography.Text>
                <StatusTags w={w} />
              </Flex>
            </Link>
          ))}
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('warnings.home.none')}</Typography.Text>
      )}
    </Card>
  );
}
