/** A rectification deadline: the date, a red 已逾期 tag when late, a live countdown while open. */
import { useEffect, useState } from 'react';
import { Space, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../ui/DateTime';
import type { HazardStatus } from '../../../../platform/api/types';

const OPEN: HazardStatus[] = ['assessed', 'rectifying'];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "3 天 4 小时", "5 小时 12 分", "8 分钟". */
export function formatDuration(ms: number, t: TFunction): string {
  const abs = Math.max(0, Math.abs(ms));
  if (abs >= DAY) return t('hazards.loop.duration.days', { d: Math.floor(abs / DAY), h: Math.floor((abs % DAY) / HOUR) });
  if (abs >= HOUR) return t('hazards.loop.duration.hours', { h: Math.floor(abs / HOUR), m: Math.floor((abs % HOUR) / MINUTE) });
  return t('hazards.loop.duration.minutes', { m: Math.max(1, Math.ceil(abs / MINUTE)) });
}

/** The current time, refreshed every half minute. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

interface Props {
  deadline: string | null;
  overdue: boolean;
  status: HazardStatus;
  /** Tables: the short 逾期 tag and no date line break. */
  compact?: boolean;
}

export function Deadline({ deadline, overdue, status, compact = false }: Props) {
  const { t } = useTranslation();
  const now = useNow();
  if (!deadline) return <Typography.Text type="secondary">—</Typography.Text>;
  const left = new Date(deadline).getTime() - now;
  const open = OPEN.includes(status);
  // The server's flag, or the clock passing the deadline while the page is open.
  const late = overdue || (open && left <= 0);
  const tag = late ? (
    <Tag color="red" data-testid="hazard-overdue" style={{ marginInlineEnd: 0 }}>
      {compact ? t('hazards.loop.rectification.overdueShort') : t('hazards.loop.rectification.overdue')}
    </Tag>
  ) : null;
  const hint = late ? (
    <Typography.Text type="danger" style={{ fontSize: compact ? 12 : undefined }}>
      {compact ? formatDuration(left, t) : t('hazards.loop.rectification.overdueBy', { time: formatDuration(left, t) })}
    </Typography.Text>
  ) : open ? (
    <Typography.Text type={left < DAY ? 'warning' : 'secondary'} style={{ fontSize: compact ? 12 : undefined }} data-testid="hazard-countdown">
      {t('hazards.loop.rectification.remaining', { time: formatDuration(left, t) })}
    </Typography.Text>
  ) : null;
  // Once the work is handed in, the deadline is history: shown, but quietly.
  const date = (
    <Typography.Text type={open || late ? undefined : 'secondary'} style={{ whiteSpace: 'nowrap' }}>
      {formatDateTime(deadline)}
    </Typography.Text>
  );
  const props = { 'data-testid': 'hazard-deadline', 'data-overdue': late ? 'true' : 'false' };
  if (compact) {
    return (
      <div {...props}>
        <div>{date}</div>
        {(tag || hint) && (
          <Space size={4} style={{ whiteSpace: 'nowrap' }}>
            {tag}
            {hint}
          </Space>
        )}
      </div>
    );
  }
  return (
    <Space size={6} wrap {...props}>
      {date}
      {tag}
      {hint}
    </Space>
  );
}
