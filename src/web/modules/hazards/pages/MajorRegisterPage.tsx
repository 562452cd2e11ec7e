/**
 * 重大隐患挂牌督办: the register of open major hazards (most urgent first) — who supervises each,
 * its deadline with a countdown or a red 逾期, its state. Refreshes live with hazard events.
 */
import type { HTMLAttributes } from 'react';
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Skeleton, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ErrorState } from '../../../ui/States';
import { useIsPhone } from '../../../ui/useIsPhone';
import { usePageTitle } from '../../../ui/usePageTitle';
import { StatusTag } from '../components/HazardTags';
import { Deadline } from '../components/loop/Deadline';
import { RiskTag } from '../components/loop/RiskTag';
import { useMajorRegister } from '../queries';
import type { LoopHazard } from '../types';

function departmentOf(h: LoopHazard): string {
  return h.responsibleDepartment?.name ?? h.department?.name ?? '—';
}

function PhoneCards({ items }: { items: LoopHazard[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Flex vertical gap={8}>
      {items.map((h) => (
        <Card
          key={h.id}
          size="small"
          hoverable
          onClick={() => navigate(`/hazards/${h.id}`)}
          data-testid={`major-row-${h.code}`}
          style={h.overdue ? { borderColor: '#ff4d4f' } : undefined}
        >
          <Flex justify="space-between" align="center" gap={8}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {h.code}
            </Typography.Text>
            <StatusTag status={h.status} />
          </Flex>
          <Flex align="center" gap={6} style={{ margin: '6px 0' }}>
            <Typography.Text strong style={{ fontSize: 15 }} ellipsis>
              {h.title}
            </Typography.Text>
            <RiskTag assessment={h.assessment} />
          </Flex>
          <Flex vertical gap={2} style={{ fontSize: 13 }}>
            <Typography.Text type="secondary">
              {[h.area?.name, departmentOf(h)].filter(Boolean).join(' · ')}
            </Typography.Text>
            <Typography.Text type="secondary">
              {t('hazards.major.supervisor')}：{h.rectification?.supervisor?.displayName ?? '—'}
            </Typography.Text>
            <Deadline deadline={h.deadline} overdue={h.overdue} status={h.status} compact />
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}

export default function MajorRegisterPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const register = useMajorRegister();
  usePageTitle(t('hazards.major.pageTitle'));

  if (register.isPending) return <Card><Skeleton active paragraph={{ rows: 6 }} /></Card>;
  if (register.isError) return <ErrorState error={register.error} onRetry={() => void register.refetch()} />;
  const items = register.data;
  const overdue = items.filter((h) => h.overdue).length;

  const columns: TableProps<LoopHazard>['columns'] = [
    { key: 'code', title: t('hazards.field.code'), width: 150, render: (_, h) => <Link to={`/hazards/${h.id}`}>{h.code}</Link> },
    {
      key: 'title',
      title: t('hazards.field.title'),
      ellipsis: true,
      render: (_, h) => (
        <Space size={6}>
          <Link to={`/hazards/${h.id}`}>{h.title}</Link>
          <RiskTag assessment={h.assessment} />
        </Space>
      ),
    },
    { key: 'area', title: t('hazards.field.area'), width: 140, ellipsis: true, render: (_, h) => h.area?.name ?? '—' },
    { key: 'department', title: t('hazards.field.department'), width: 130, ellipsis: true, render: (_, h) => departmentOf(h) },
    {
      key: 'supervisor',
      title: t('hazards.major.supervisor'),
      width: 110,
      render: (_, h) => h.rectification?.supervisor?.displayName ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      key: 'deadline',
      title: t('hazards.major.deadline'),
      width: 200,
      render: (_, h) => <Deadline deadline={h.deadline} overdue={h.overdue} status={h.status} compact />,
    },
    { key: 'status', title: t('hazards.field.status'), width: 100, render: (_, h) => <StatusTag status={h.status} /> },
  ];

  const summary = (
    <Space size={8} wrap data-testid="major-summary">
      <Tag color="red">{t('hazards.major.count', { count: items.length })}</Tag>
      {overdue > 0 && <Tag color="volcano">{t('hazards.major.overdueCount', { count: overdue })}</Tag>}
    </Space>
  );
  const empty = <Empty description={t('hazards.major.empty')} />;

  if (phone) {
    return (
      <div data-testid="major-register">
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('hazards.major.pageTitle')}
          </Typography.Title>
          {summary}
        </Flex>
        {items.length ? <PhoneCards items={items} /> : empty}
      </div>
    );
  }

  return (
    <Card data-testid="major-register">
      <Flex className="zhian-page-title" justify="space-between" align="center">
        <Typography.Title level={4}>{t('hazards.major.pageTitle')}</Typography.Title>
        <Flex gap={8} align="center">
          {summary}
          <Button icon={<ReloadOutlined />} onClick={() => void register.refetch()} loading={register.isFetching} aria-label={t('common.refresh')} />
        </Flex>
      </Flex>
      <Typography.Paragraph type="secondary">{t('hazards.major.intro')}</Typography.Paragraph>
      <Table<LoopHazard>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: empty }}
        scroll={{ x: 1000 }}
        rowClassName="zhian-clickable-row"
        onRow={(h) =>
          ({
            'data-testid': `major-row-${h.code}`,
            'data-overdue': h.overdue ? 'true' : 'false',
            onClick: (e) => {
              if ((e.target as HTMLElement).closest('a,button')) return;
              navigate(`/hazards/${h.id}`);
            },
          }) as HTMLAttributes<HTMLElement>
        }
      />
    </Card>
  );
}
