import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SensorState } from '../api';

const COLORS: Record<SensorState, string> = { normal: 'green', pending: 'gold', breached: 'red' };

export function SensorStateTag({ state }: { state: SensorState }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[state]} data-testid="sensor-state" data-state={state}>
      {t(`sensors.state.${state}`)}
    </Tag>
  );
}
