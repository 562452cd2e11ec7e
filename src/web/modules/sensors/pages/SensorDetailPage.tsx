/** One sensor: latest value and state, trend chart (24 h / 7 d) with its threshold lines, threshold editor. */
import { useState } from 'react';
import { EditOutlined, LeftOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Flex, Segmented, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { useAuth } from '../../../platform/auth/AuthProvider';
import { formatDateTime, RelativeTime } from '../../../ui/DateTime';
import { ErrorState } from '../../../ui/States';
import { useIsPhone } from '../../../ui/useIsPhone';
import { usePageTitle } from '../../../ui/usePageTitle';
import type { Threshold } from '../api';
import { SensorStateTag } from '../components/SensorStateTag';
import { ThresholdEditor } from '../components/ThresholdEditor';
import { TrendChart } from '../components/TrendChart';
import { COLOR_TAG, fmtValue, parameterName } from '../components/format';
import { SENSORS_MANAGE } from '../permissions';
import { PERIODS, useReadings, useSensor, type Period } from '../queries';

export default function SensorDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const location = useLocation();
  const canManage = useAuth().can(SENSORS_MANAGE);
  const [period, setPeriod] = useState<Period>('24h');
  const [editing, setEditing] = useState(false);
  const sensor = useSensor(id);
  const readings = useReadings(id, period);
  usePageTitle(sensor.data?.name ?? t('sensors.detailTitle'));

  if (sensor.isError && !sensor.data) return <ErrorState error={sensor.error} onRetry={() => void sensor.refetch()} />;
  if (!sensor.data) return <Skeleton active />;
  const s = sensor.data;

  const thresholdColumns = [
    { key: 'color', title: t('sensors.field.color'), width: 90, render: (_: unknown, th: Threshold) => <Tag color={COLOR_TAG[th.color]}>{t(`sensors.color.${th.color}`)}</Tag> },
    { key: 'limit', title: t('sensors.field.limit'), render: (_: unknown, th: Threshold) => `${t(`sensors.direction.${th.direction}`)} ${fmtValue(th.limit)} ${s.unit}` },
    { key: 'clearAt', title: t('sensors.field.clearAt'), render: (_: unknown, th: Threshold) => `${fmtValue(th.clearAt)} ${s.unit}` },
    { key: 'hold', title: t('sensors.field.holdSeconds'), width: 120, render: (_: unknown, th: Threshold) => th.holdSeconds },
    {
      key: 'state',
      title: t('sensors.field.state'),
      render: (_: unknown, th: Threshold) =>
        th.enabled ? (
          <Space size={4}>
            <SensorStateTag state={th.state} />
            {th.since && th.state !== 'normal' && <Typography.Text type="secondary">{t('sensors.since', { time: formatDateTime(th.since) })}</Typography.Text>}
          </Space>
        ) : (
          <Tag>{t('sensors.disabled')}</Tag>
        ),
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="sensor-detail" data-state={s.state} data-version={s.version}>
      <Card styles={{ body: phone ? { padding: 12 } : undefined }}>
        <Flex justify="space-between" align="flex-start" gap={12} wrap style={{ marginBottom: 16 }}>
          <Space align="start">
            {!phone && <Button type="text" icon={<LeftOutlined />} aria-label={t('common.back')} onClick={() => (location.key === 'default' ? navigate('/sensors') : navigate(-1))} />}
            <div>
              <Typography.Title level={phone ? 5 : 4} style={{ margin: 0 }}>
                {s.name}
              </Typography.Title>
              <Space size={4} style={{ marginTop: 6 }} wrap>
                <SensorStateTag state={s.state} />
                <Typography.Text type="secondary">{s.code}</Typography.Text>
                {!s.enabled && <Tag>{t('sensors.disabled')}</Tag>}
              </Space>
            </div>
          </Space>
          <div style={{ textAlign: 'right' }}>
            <Typography.Title level={2} style={{ margin: 0 }} type={s.state === 'breached' ? 'danger' : undefined} data-testid="sensor-value">
              {s.lastValue === null ? '—' : `${fmtValue(s.lastValue)} ${s.unit}`}
            </Typography.Title>
            <Typography.Text type="secondary">
              <RelativeTime value={s.lastAt} />
            </Typography.Text>
          </div>
        </Flex>
        <Descriptions size="small" column={phone ? 1 : 3}>
          <Descriptions.Item label={t('sensors.field.parameter')}>{parameterName(t, s)}</Descriptions.Item>
          <Descriptions.Item label={t('sensors.field.equipment')}>{s.equipment ? `${s.equipment.code} ${s.equipment.name}` : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('sensors.field.area')}>{s.area?.name ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Card
        title={
          <Segmented
            value={period}
            onChange={(v) => setPeriod(v as Period)}
            options={(Object.keys(PERIODS) as Period[]).map((p) => ({ value: p, label: t(`sensors.period.${p}`) }))}
            data-testid="sensor-period"
          />
        }
        styles={{ body: phone ? { padding: 8 } : undefined }}
      >
        {readings.data && readings.data.buckets.length === 0 ? (
          <Empty description={t('sensors.chart.empty')} />
        ) : (
          <TrendChart sensor={s} series={readings.data} height={phone ? 240 : 340} />
        )}
      </Card>

      <Card
        title={t('sensors.field.thresholds')}
        extra={
          canManage && !phone ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="threshold-edit">
              {t('sensors.editThresholds')}
            </Button>
          ) : null
        }
      >
        <Table<Threshold>
          rowKey="id"
          size="small"
          columns={thresholdColumns}
          dataSource={s.thresholds}
          pagination={false}
          scroll={{ x: 600 }}
          locale={{ emptyText: <Empty description={t('sensors.noThresholds')} /> }}
        />
      </Card>
      {editing && <ThresholdEditor sensor={s} open={editing} onClose={() => setEditing(false)} onConflict={() => void sensor.refetch()} />}
    </Flex>
  );
}
