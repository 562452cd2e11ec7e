/** Countdowns: how long a warning still runs, how long a department has left to answer. */
import { useEffect, useState } from 'react';
import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../ui/DateTime';
import { formatDuration } from '../../hazards/components/loop/Deadline';
import type { WarningResponse, WarningSummary } from '../types';

const HOUR = 3_600_000;

/** The current time, refreshed every half minute (countdowns move while the page is open). */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** Time left of a warning in force (active, or its loop closed); nothing once it is over (its state tag says why). */
export function WarningTimeLeft({ w, compact = false }: { w: Pick<WarningSummary, 'expires' | 'state'>; compact?: boolean }) {
  const { t } = useTranslation();
  const now = useNow();
  const size = compact ? 12 : undefined;
  if (w.state !== 'active' && w.state !== 'closed') return null;
  if (!w.expires) return <Typography.Text type="secondary" style={{ fontSize: size }}>{t('warnings.noExpiry')}</Typography.Text>;
  const left = new Date(w.expires).getTime() - now;
  if (left <= 0) return <Typography.Text type="secondary" style={{ fontSize: size }}>{t('warnings.expiredAgo')}</Typography.Text>;
  return (
    <Typography.Text type={left < 2 * HOUR ? 'warning' : 'secondary'} style={{ fontSize: size, whiteSpace: 'nowrap' }} data-testid="warning-time-left" title={formatDateTime(w.expires)}>
      {t('warnings.timeLeft', { time: formatDuration(left, t) })}
    </Typography.Text>
  );
}

/** A department's answer deadline: countdown while it owes an answer, 已超时 once late. */
export function ResponseDue({ r }: { r: Pick<WarningResponse, 'state' | 'dueAt' | 'overdueAt'> }) {
  const { t } = useTranslation();
  const now = useNow();
  const owes = r.state === 'instructed' || r.state === 'acknowledged' || r.state === 'overdue';
  if (!owes) return null;
  const left = new Date(r.dueAt).getTime() - now;
  // the server's state, or the clock passing the deadline while the page is open
  const late = r.state === 'overdue' || left <= 0;
  return (
    <Typography.Text type={late ? 'danger' : left < HOUR ? 'warning' : 'secondary'} data-testid="warning-response-due" data-overdue={late ? 'true' : 'false'} style={{ whiteSpace: 'nowrap' }}>
      {late ? (
        <>
          <Tag color="red" style={{ marginInlineEnd: 4 }}>{t('warnings.response.overdue')}</Tag>
          {left < 0 && t('warnings.response.overdueBy', { time: formatDuration(left, t) })}
        </>
      ) : (
        t('warnings.response.remaining', { time: formatDuration(left, t) })
      )}
      <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
        {t('warnings.response.due', { time: formatDateTime(r.dueAt) })}
      </Typography.Text>
    </Typography.Text>
  );
}
