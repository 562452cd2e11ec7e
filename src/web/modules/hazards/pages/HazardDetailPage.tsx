/** 隐患详情: all fields, photos, the audit-trail timeline, and 编辑 when the server says can.edit. */
import { useState } from 'react';
import { EditOutlined, LeftOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Skeleton, Space, Typography, type DescriptionsProps } from 'antd';
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
import { usePageTitle } from '../../../ui/usePageTitle';

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

function Detail({ hazard, onReload }: { hazard: Hazard; onReload: () => Promise<unknown> }) {
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
              </Space>
            </div>
          </Space>
          {hazard.can?.edit && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="hazard-edit">
              {t('common.edit')}
            </Button>
          )}
        </Flex>
        <Descriptions
          bordered
          size={phone ? 'small' : 'medium'}
          column={{ xs: 1, sm: 1, md: 2, lg: 3, xl: 3, xxl: 3 }}
          styles={{ label: { whiteSpace: 'nowrap' } }}
          items={items}
        />
      </Card>
      <Card title={t('hazards.detail.photos')} size="small">
        <HazardPhotos photos={hazard.photos ?? []} />
      </Card>
      <Card title={t('hazards.detail.history')} size="small">
        <HazardHistory id={hazard.id} />
      </Card>
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
