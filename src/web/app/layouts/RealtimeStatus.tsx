import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRealtimeState } from '../../platform/realtime/RealtimeProvider';

/** The live-connection dot: 实时连接 / 已断开 (connecting counts as closed for tests). */
export function RealtimeStatus({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const state = useRealtimeState();
  const label =
    state === 'open' ? t('header.realtimeOpen') : state === 'connecting' ? t('header.realtimeConnecting') : t('header.realtimeClosed');
  return (
    <Tooltip title={label}>
      <span
        className="zhian-live"
        data-testid="realtime-status"
        data-state={state === 'open' ? 'open' : 'closed'}
        data-phase={state}
        role="status"
        aria-label={label}
      >
        <span className="zhian-live-dot" />
        {!compact && <span>{label}</span>}
      </span>
    </Tooltip>
  );
}
