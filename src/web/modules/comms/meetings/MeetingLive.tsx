/** Beside the video: the record the meeting is about and its live data (the sensor trend of its equipment). */
import { Card, Empty, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useReadings, useSensorList } from '../../sensors/queries';
import type { Meeting } from './api';

const TrendChart = lazy(() => import('../../sensors/components/TrendChart').then((m) => ({ default: m.TrendChart })));

function SensorTrend({ sensorId }: { sensorId: string }) {
  const sensors = useSensorList();
  const readings = useReadings(sensorId, '24h');
  const sensor = sensors.data?.find((s) => s.id === sensorId);
  if (!sensor) return null;
  return (
    <div data-testid="meeting-live-sensor">
      <Typography.Text strong>{sensor.name}</Typography.Text>
      <Suspense fallback={null}>
        <TrendChart sensor={sensor} series={readings.data} height={200} />
      </Suspense>
    </div>
  );
}

export function MeetingLive({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const sensors = useSensorList();
  const r = meeting.record;
  const sensorId = meeting.live.sensorId ?? sensors.data?.find((s) => s.equipment && s.equipment.id === meeting.live.equipmentId)?.id ?? null;
  return (
    <Card size="small" title={t('meetings.live')} data-testid="meeting-live">
      {r?.visible ? (
        <div style={{ marginBottom: 8 }}>
          <Tag>{t(`comms.subjectType.${r.type}`)}</Tag>
          <Link to={r.path!}>
            {r.code} {r.title}
          </Link>
        </div>
      ) : null}
      {sensorId ? <SensorTrend sensorId={sensorId} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meetings.noLive')} />}
    </Card>
  );
}
