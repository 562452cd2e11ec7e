/** 设备监测: every sensor with its latest value and threshold state; state changes arrive live. */
import { useState, type HTMLAttributes } from 'react';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useAuth } from '../../../platform/auth/AuthProvider';
import { SENSORS_MANAGE } from '../permissions';
import { NewSensorModal } from '../components/NewSensorModal';
import { Button, Card, Empty, Flex, List, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { RelativeTime } from '../../../ui/DateTime';
import { ErrorState } from '../../../ui/States';
import { useIsPhone } from '../../../ui/useIsPhone';
import { usePageTitle } from '../../../ui/usePageTitle';
import type { Sensor } from '../api';
import { SensorStateTag } from '../components/SensorStateTag';
import { COLOR_TAG, fmtValue, parameterName, thresholdText } from '../components/format';
import { useSensorList } from '../queries';

function Value({ s }: { s: Sensor }) {
  const { t } = useTranslation();
  if (s.lastValue === null) return <Typography.Text type="secondary">{t('sensors.noValue')}</Typography.Text>;
  return (
    <Typography.Text strong type={s.state === 'breached' ? 'danger' : undefined} data-testid="sensor-value">
      {fmtValue(s.lastValue)} {s.unit}
    </Typography.Text>
  );
}

function Thresholds({ s }: { s: Sensor }) {
  const { t } = useTranslation();
  const list = s.thresholds.filter((x) => x.enabled);
  if (!list.length) return <Typography.Text type="secondary">{t('sensors.noThresholds')}</Typography.Text>;
  return (
    <Space size={4} wrap>
      {list.map((th) => (
        <Tag key={th.id} color={COLOR_TAG[th.color]}>
          {thresholdText(t, s, th)}
        </Tag>
      ))}
    </Space>
  );
}

export default function SensorListPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const list = useSensorList();
  const canManage = useAuth().can(SENSORS_MANAGE);
  const [creating, setCreating] = useState(false);
  usePageTitle(t('sensors.title'));

  if (list.isError && !list.data) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;

  const where = (s: Sensor) => [s.equipment ? `${s.equipment.code} ${s.equipment.name}` : null, s.area?.name].filter(Boolean).join(' · ') || '—';

  if (phone) {
    return (
      <div data-testid="sensor-list">
        <List
          dataSource={list.data}
          loading={list.isFetching && !list.data}
          locale={{ emptyText: <Empty description={t('sensors.empty')} /> }}
          renderItem={(s) => (
            <Card size="small" style={{ marginBottom: 12 }} onClick={() => navigate(`/sensors/${s.id}`)} data-testid={`sensor-row-${s.code}`}>
              <Flex justify="space-between" align="center" gap={8}>
                <Typography.Text strong ellipsis>
                  {s.name}
                </Typography.Text>
                <SensorStateTag state={s.state} />
              </Flex>
              <Flex justify="space-between" align="baseline" style={{ marginTop: 6 }}>
                <Typography.Text type="secondary">{parameterName(t, s)}</Typography.Text>
                <Value s={s} />
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {where(s)} · <RelativeTime value={s.lastAt} />
              </Typography.Text>
            </Card>
          )}
        />
      </div>
    );
  }

  const columns: TableProps<Sensor>['columns'] = [
    { key: 'code', title: t('sensors.field.code'), width: 140, render: (_, s) => <Link to={`/sensors/${s.id}`}>{s.code}</Link> },
    { key: 'name', title: t('sensors.field.name'), ellipsis: true, render: (_, s) => (s.enabled ? s.name : <>{s.name} <Tag>{t('sensors.disabled')}</Tag></>) },
    { key: 'where', title: t('sensors.field.equipment'), ellipsis: true, render: (_, s) => where(s) },
    { key: 'parameter', title: t('sensors.field.parameter'), width: 120, render: (_, s) => parameterName(t, s) },
    { key: 'value', title: t('sensors.field.value'), width: 130, align: 'right', render: (_, s) => <Value s={s} /> },
    { key: 'state', title: t('sensors.field.state'), width: 90, render: (_, s) => <SensorStateTag state={s.state} /> },
    { key: 'thresholds', title: t('sensors.field.thresholds'), render: (_, s) => <Thresholds s={s} /> },
    { key: 'lastAt', title: t('sensors.field.lastAt'), width: 110, render: (_, s) => <RelativeTime value={s.lastAt} /> },
  ];

  return (
    <Card>
      <Flex className="zhian-page-title" justify="space-between" align="center">
        <Typography.Title level={4}>{t('sensors.title')}</Typography.Title>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching} aria-label={t('common.refresh')} />
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="sensor-new">
              {t('sensors.create.button')}
            </Button>
          )}
        </Space>
      </Flex>
      <NewSensorModal open={creating} onClose={() => setCreating(false)} />
      <Typography.Paragraph type="secondary">{t('sensors.intro')}</Typography.Paragraph>
      <div data-testid="sensor-list">
        <Table<Sensor>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data}
          loading={list.isFetching && !list.data}
          scroll={{ x: 1100 }}
          pagination={false}
          locale={{ emptyText: <Empty description={t('sensors.empty')} /> }}
          rowClassName="zhian-clickable-row"
          onRow={(s) =>
            ({
              'data-testid': `sensor-row-${s.code}`,
              'data-state': s.state,
              onClick: (e) => {
                if ((e.target as HTMLElement).closest('a,button')) return;
                navigate(`/sensors/${s.id}`);
              },
            }) as HTMLAttributes<HTMLElement>
          }
        />
      </div>
    </Card>
  );
}
