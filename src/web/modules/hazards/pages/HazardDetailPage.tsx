/**
 * 隐患详情: the closed loop's progress (steps), all fields, 评估结果 and 整改信息, photos, the
 * 处理记录 of the loop and the audit trail; 编辑 and the loop's actions as the server's `can` allows.
 */
import { useState } from 'react';
import { EditOutlined, LeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Flex, Row, Skeleton, Space, Tag, Typography, type DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import type { Hazard } from '../../../platform/api/types';
import type { Resources } from '../../../platform/i18n/locales/zh-CN';
import { formatDateTime, RelativeTime } from '../../../ui/DateTime';
import { ErrorState } from '../../../ui/States';
import { useIsPhone } from '../../../ui/useIsPhone';
import { HazardEditModal } from '../components/HazardEditModal';
import { HazardHistory } from '../components/HazardHistory';
import { HazardPhotos } from '../components/HazardPhotos';
import { GradeTag, StatusTag } from '../components/HazardTags';
import { useHazard } from '../queries';
import type { LoopHazard } from '../types';
import { AssessmentCard } from '../components/loop/AssessmentCard';
import { LoopActions } from '../components/loop/LoopActions';
import { LoopSteps } from '../components/loop/LoopSteps';
import { LoopTimeline } from '../components/loop/LoopTimeline';
import { RectificationCard } from '../components/loop/RectificationCard';
import { RiskTag } from '../components/loop/RiskTag';
import { Deadline } from '../components/loop/Deadline';
import { usePageTitle } from '../../../ui/usePageTitle';
import { DepartmentProgressCard } from '../../departments-view';
import { HazardFlowsCard } from '../../flows/components/HazardFlowsCard';
import { RecordRoomCard } from '../../comms/components/RecordRoomCard';
import { LaunchFlowButton } from '../../flows/components/LaunchFlowButton';

type FieldKey = keyof Resources['hazards']['field'];

function useItems(h: Hazard): DescriptionsProps['items'] {
  const { t } = useTranslation();
  const f = (k: FieldKey) => t(`hazards.field.${k}`);
  const loc = h.location;
  return [
    { key: 'code', label: f('code'), children: <span data-testid="hazard-code">{h.code}</span> },
    { key: 'status', label: f('status'), children: <StatusTag status={h.status} /> },
    { key: 'grade', label: f('grade'), children: <GradeTag grade={h.grade} /> },
    { key: 'title', label: f('title'), children: <span data-testid="hazard-title">{h.title}</span>, span: 'filled' },
    { key: 'department', label: f('department'), children: h.department?.name },
    { key: 'area', label: f('area'), children: h.area?.name ?? '—' },
    { key: 'equipment', label: f('equipment'), children: h.equipment ? `${h.equipment.code} ${h.equipment.name}` : '—' },
    { key: 'reporter', label: f('reporter'), children: h.reporter?.displayName ?? '—' },
    { key: 'reporterDepartment', label: f('reporterDepartment'), children: h.reporterDepartment?.name ?? '—' },
    { key: 'source', label: f('source'), children: t(`hazards.source.${h.source}` as 'hazards.source.report', { defaultValue: h.source }) },
    {
      key: 'reportedAt',
      label: f('reportedAt'),
      children: (
        <Space size={4}>
          {formatDateTime(h.reportedAt)}
          <Typography.Text type="secondary">
            (<RelativeTime value={h.reportedAt} />)
          </Typography.Text>
        </Space>
      ),
    },
    { key: 'updatedAt', label: f('updatedAt'), children: formatDateTime(h.updatedAt) },
    {
      key: 'location',
      label: f('location'),
      children: loc ? (
        <span>
          {loc.lat.toFixed(6)}, {loc.lng.toFixed(6)}
          {loc.accuracy != null && <Typography.Text type="secondary"> ({t('hazards.detail.openMap', { accuracy: Math.round(loc.accuracy) })})</Typography.Text>}
        </span>
      ) : (
        '—'
      ),
    },
    {
      key: 'description',
      label: f('description'),
      span: 'filled',
      children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{h.description || '—'}</Typography.Paragraph>,
    },
  ];
}

function Detail({ hazard, onReload }: { hazard: LoopHazard; onReload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const location = useLocation();
  const [editing, setEditing] = useState(false);
  const items = useItems(hazard);

  return (
    <Flex vertical gap={16} data-testid="hazard-detail" data-version={hazard.version}>
      <Card styles={{ body: phone ? { padding: 12 } : undefined }}>
        <Flex justify="space-between" align="flex-start" gap={12} wrap style={{ marginBottom: 16 }}>
          <Space align="start">
            {!phone && (
              <Button
                type="text"
                icon={<LeftOutlined />}
                aria-label={t('common.back')}
                onClick={() => (location.key === 'default' ? navigate('/hazards') : navigate(-1))}
              />
            )}
            <div>
              <Typography.Title level={phone ? 5 : 4} style={{ margin: 0 }}>
                {hazard.title}
              </Typography.Title>
              <Space size={4} style={{ marginTop: 6 }} wrap>
                <Typography.Text type="secondary">{hazard.code}</Typography.Text>
                <StatusTag status={hazard.status} />
                <GradeTag grade={hazard.grade} />
                <RiskTag assessment={hazard.assessment} />
                {hazard.rectification?.supervisor && hazard.status !== 'closed' && (
                  <Tag color="red" data-testid="hazard-supervised-badge">
                    {t('hazards.loop.rectification.supervised')}
                  </Tag>
                )}
                {hazard.overdue && (
                  <Tag color="red" data-testid="hazard-overdue-badge">
                    {t('hazards.loop.rectification.overdue')}
                  </Tag>
                )}
              </Space>
              {hazard.deadline && hazard.status !== 'closed' && (
                <Flex gap={6} align="center" wrap style={{ marginTop: 6 }} data-testid="hazard-header-deadline">
                  <Typography.Text type="secondary">{t('hazards.loop.rectification.deadline')}</Typography.Text>
                  <Deadline deadline={hazard.deadline} overdue={hazard.overdue} status={hazard.status} />
                </Flex>
              )}
            </div>
          </Space>
          <Flex gap={8} wrap vertical={phone} style={phone ? { width: '100%' } : undefined}>
            <LoopActions hazard={hazard} onReload={onReload} />
            <LaunchFlowButton subject={{ type: 'hazard', id: hazard.id, label: hazard.code }} block={phone} />
            {hazard.can?.edit && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="hazard-edit" block={phone}>
                {t('common.edit')}
              </Button>
            )}
          </Flex>
        </Flex>
        <div style={{ margin: phone ? '4px 0 16px' : '8px 0 24px' }}>
          <LoopSteps hazard={hazard} />
        </div>
        <Descriptions
          bordered
          size={phone ? 'small' : 'medium'}
          column={{ xs: 1, sm: 1, md: 2, lg: 3, xl: 3, xxl: 3 }}
          styles={{ label: { whiteSpace: 'nowrap' } }}
          items={items}
        />
      </Card>
      <DepartmentProgressCard hazardId={hazard.id} />
      <HazardFlowsCard hazardId={hazard.id} />
      <RecordRoomCard type="hazard" id={hazard.id} />
      {hazard.assessment && <AssessmentCard assessment={hazard.assessment} />}
      {hazard.rectification && <RectificationCard hazard={hazard} />}
      <Card title={t('hazards.detail.photos')} size="small">
        <HazardPhotos photos={hazard.photos ?? []} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('hazards.loop.timelineTitle')} size="small" style={{ height: '100%' }}>
            <LoopTimeline hazard={hazard} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('hazards.detail.history')} size="small" style={{ height: '100%' }}>
            <HazardHistory id={hazard.id} people={[hazard.rectification?.responsibleUser, hazard.rectification?.supervisor]} />
          </Card>
        </Col>
      </Row>
      {hazard.can?.edit && <HazardEditModal hazard={hazard} open={editing} onClose={() => setEditing(false)} onReload={onReload} />}
    </Flex>
  );
}

export default function HazardDetailPage() {
  const { id = '' } = useParams();
  const query = useHazard(id);
  const { t } = useTranslation();
  usePageTitle(query.data ? `${query.data.code} ${query.data.title}` : t('hazards.detail.pageTitle'));
  if (query.isPending) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <Detail hazard={query.data} onReload={() => query.refetch()} />;
}
