/** 维修工单详情: the fault as reported, the repair plan and result, actions, and 各部门进展. */
import { LeftOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { formatDateTime } from '../../../ui/DateTime';
import { ErrorState } from '../../../ui/States';
import { useIsPhone } from '../../../ui/useIsPhone';
import { usePageTitle } from '../../../ui/usePageTitle';
import { HazardPhotos } from '../../hazards/components/HazardPhotos';
import { DepartmentProgressCard } from '../../departments-view';
import type { RepairOrder } from '../api';
import { RepairActions } from '../components/RepairActions';
import { RepairStatusTag } from '../components/RepairStatusTag';
import { useRepair, useRepairsLive } from '../queries';

function Detail({ order, onReload }: { order: RepairOrder; onReload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const location = useLocation();
  const f = (k: keyof typeof order | string) => t(`repairs.field.${k}` as 'repairs.field.code');
  const hazardLabel = (
    <>
      <Typography.Text type="secondary">{order.hazard.code}</Typography.Text> {order.hazard.title}
    </>
  );
  return (
    <Flex vertical gap={16} data-testid="repair-detail" data-status={order.status} data-version={order.version}>
      <Card styles={{ body: phone ? { padding: 12 } : undefined }}>
        <Flex justify="space-between" align="flex-start" gap={12} wrap style={{ marginBottom: 16 }}>
          <Space align="start">
            {!phone && (
              <Button type="text" icon={<LeftOutlined />} aria-label={t('common.back')} onClick={() => (location.key === 'default' ? navigate('/repairs') : navigate(-1))} />
            )}
            <div>
              <Typography.Title level={phone ? 5 : 4} style={{ margin: 0 }}>
                {order.equipment.code} {order.equipment.name}
              </Typography.Title>
              <Space size={4} style={{ marginTop: 6 }} wrap>
                <Typography.Text type="secondary">{order.code}</Typography.Text>
                <RepairStatusTag status={order.status} />
              </Space>
            </div>
          </Space>
          <RepairActions order={order} onReload={onReload} />
        </Flex>
        <Descriptions
          bordered
          size={phone ? 'small' : 'middle'}
          column={{ xs: 1, sm: 1, md: 2, lg: 3, xl: 3, xxl: 3 }}
          styles={{ label: { whiteSpace: 'nowrap' } }}
          items={[
            { key: 'hazard', label: f('hazard'), span: 'filled', children: order.hazard.canView ? <Link to={`/hazards/${order.hazard.id}`}>{hazardLabel}</Link> : hazardLabel },
            { key: 'area', label: f('area'), children: order.equipment.area ?? '—' },
            { key: 'department', label: f('department'), children: order.department.name },
            { key: 'assignee', label: f('assignee'), children: order.assignee?.displayName ?? '—' },
            { key: 'reporter', label: f('reporter'), children: order.hazard.reporter ?? '—' },
            { key: 'createdAt', label: f('createdAt'), children: formatDateTime(order.createdAt) },
            { key: 'startedAt', label: f('startedAt'), children: formatDateTime(order.startedAt) || '—' },
            { key: 'doneAt', label: f('doneAt'), children: formatDateTime(order.doneAt) || '—' },
            {
              key: 'description',
              label: f('description'),
              span: 'filled',
              children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{order.hazard.description || '—'}</Typography.Paragraph>,
            },
          ]}
        />
      </Card>
      {order.hazard.photos.length > 0 && (
        <Card size="small" title={f('photos')}>
          <HazardPhotos photos={order.hazard.photos} />
        </Card>
      )}
      <Card size="small" title={f('plan')} data-testid="repair-plan">
        {order.plan ? (
          <Flex vertical gap={12}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{order.plan}</Typography.Paragraph>
            {order.planFiles.length > 0 && <HazardPhotos photos={order.planFiles} />}
            {order.resultNote && (
              <div>
                <Typography.Text strong>{f('resultNote')}：</Typography.Text>
                <Typography.Text data-testid="repair-result">{order.resultNote}</Typography.Text>
              </div>
            )}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('repairs.noPlan')}</Typography.Text>
        )}
      </Card>
      <DepartmentProgressCard hazardId={order.hazard.id} />
    </Flex>
  );
}

export default function RepairDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const query = useRepair(id);
  useRepairsLive();
  usePageTitle(query.data ? `${query.data.code} ${query.data.equipment.name}` : t('repairs.detailTitle'));
  if (query.isPending) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <Detail order={query.data} onReload={() => query.refetch()} />;
}
