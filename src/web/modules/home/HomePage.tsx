/** 工作台: welcome, quick actions, and a few counts from GET /hazards totals. */
import { FormOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Space, Statistic, Tag, Typography } from 'antd';
import { chinaTime } from '../../platform/time';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth, useMe } from '../../platform/auth/AuthProvider';
import { HAZARD_LIST_PERMS, PERM } from '../../platform/auth/permissions';
import { useHazardCount } from '../hazards/queries';
import { usePageTitle } from '../../ui/usePageTitle';
import { ActiveWarningsCard } from '../warnings/components/ActiveWarningsCard';

function StatCard({ title, value, loading, to, color, testId }: { title: string; value?: number; loading: boolean; to: string; color?: string; testId: string }) {
  return (
    <Link to={to}>
      <Card hoverable size="small" data-testid={testId}>
        <Statistic title={title} value={value ?? 0} loading={loading} styles={{ content: { color } }} />
      </Card>
    </Link>
  );
}

function HazardStats() {
  const { t } = useTranslation();
  const monthStart = useMemo(() => chinaTime().startOf('month').toISOString(), []);
  const month = useHazardCount({ from: monthStart });
  const open = useHazardCount({ status: 'reported' });
  const rectifying = useHazardCount({ status: 'rectifying' });
  const mine = useHazardCount({ mine: true });
  const cards = [
    { key: 'month', title: t('home.statMonth'), q: month, to: `/hazards?from=${encodeURIComponent(monthStart)}`, color: '#1677ff' },
    { key: 'open', title: t('home.statOpen'), q: open, to: '/hazards?status=reported', color: '#fa8c16' },
    { key: 'rectifying', title: t('home.statRectifying'), q: rectifying, to: '/hazards?status=rectifying', color: '#d4380d' },
    { key: 'mine', title: t('home.statMine'), q: mine, to: '/hazards?mine=true', color: '#389e0d' },
  ];
  return (
    <Row gutter={[16, 16]}>
      {cards.map((c) => (
        <Col key={c.key} xs={12} md={12} lg={6}>
          <StatCard title={c.title} value={c.q.data} loading={c.q.isPending} to={c.to} color={c.color} testId={`stat-${c.key}`} />
        </Col>
      ))}
    </Row>
  );
}

export default function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const canList = HAZARD_LIST_PERMS.some(can);
  usePageTitle(t('nav.home'));
  return (
    <Flex vertical gap={16}>
      <Card data-testid="welcome-card">
        <Flex justify="space-between" align="center" wrap gap={16}>
          <div>
            <Typography.Title level={4} style={{ marginTop: 0 }}>
              {t('home.greeting', { name: me.displayName })}
            </Typography.Title>
            <Space wrap size={[8, 8]}>
              <Typography.Text type="secondary">{me.tenant.name}</Typography.Text>
              <Typography.Text type="secondary">·</Typography.Text>
              <Typography.Text type="secondary">{me.department?.name ?? t('home.noDepartment')}</Typography.Text>
              {me.roles.map((r) => (
                <Tag key={r} color="blue">
                  {t(`roles.${r}` as 'roles.admin', { defaultValue: r })}
                </Tag>
              ))}
            </Space>
          </div>
          <Space wrap>
            {can(PERM.report) && (
              <Link to="/hazards/new">
                <Button type="primary" icon={<FormOutlined />} data-testid="quick-report">
                  {t('home.reportHazard')}
                </Button>
              </Link>
            )}
            {canList && (
              <Link to="/hazards">
                <Button icon={<UnorderedListOutlined />} data-testid="quick-list">
                  {t('home.viewHazards')}
                </Button>
              </Link>
            )}
          </Space>
        </Flex>
      </Card>
      {/* 当前预警: everyone may be instructed by a warning, so everyone sees the active ones */}
      <ActiveWarningsCard />
      {canList && <HazardStats />}
    </Flex>
  );
}
