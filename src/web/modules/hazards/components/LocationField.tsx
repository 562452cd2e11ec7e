/** "附加位置": attaches the device position (navigator.geolocation) when ticked. */
import { useState } from 'react';
import { EnvironmentOutlined } from '@ant-design/icons';
import { Checkbox, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { GeoLocation } from '../../../platform/api/types';

interface Props {
  value?: GeoLocation | null;
  onChange?: (value: GeoLocation | undefined) => void;
}

type Phase = 'idle' | 'locating' | 'ok' | 'error';

export function LocationField({ value, onChange }: Props) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>(value ? 'ok' : 'idle');
  const [reason, setReason] = useState('');
  const supported = typeof navigator !== 'undefined' && 'geolocation' in navigator;

  const toggle = (checked: boolean) => {
    if (!checked) {
      setPhase('idle');
      onChange?.(undefined);
      return;
    }
    setPhase('locating');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setPhase('ok');
        onChange?.({ lat: pos.coords.latitude, lng: pos.coords.longitude, accuracy: Math.round(pos.coords.accuracy) });
      },
      (err) => {
        setPhase('error');
        setReason(err.message || String(err.code));
        onChange?.(undefined);
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  return (
    <Space orientation="vertical" size={2}>
      <Checkbox checked={phase === 'ok' || phase === 'locating'} disabled={!supported} onChange={(e) => toggle(e.target.checked)} data-testid="hazard-form-location">
        <EnvironmentOutlined /> {t('hazards.form.attachLocation')}
      </Checkbox>
      {!supported && <Typography.Text type="secondary">{t('hazards.form.locationUnavailable')}</Typography.Text>}
      {phase === 'locating' && <Typography.Text type="secondary">{t('hazards.form.locating')}</Typography.Text>}
      {phase === 'ok' && value && (
        <Typography.Text type="success">{t('hazards.form.locationOk', { accuracy: value.accuracy ?? '?' })}</Typography.Text>
      )}
      {phase === 'error' && <Typography.Text type="danger">{t('hazards.form.locationFailed', { reason })}</Typography.Text>}
    </Space>
  );
}
