import { useSyncExternalStore } from 'react';
import { Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatChina } from '../platform/time';

/** Date and time in China Standard Time (UTC+8), whatever the browser's zone. */
export function formatDateTime(iso: string | null | undefined): string {
  return formatChina(iso);
}

// One shared 30-second clock, so "几秒前" becomes "1 分钟前" without a timer per row.
let now = Date.now();
const clockListeners = new Set<() => void>();
let clock: ReturnType<typeof setInterval> | undefined;

function subscribeClock(listener: () => void): () => void {
  clockListeners.add(listener);
  clock ??= setInterval(() => {
    now = Date.now();
    clockListeners.forEach((l) => l());
  }, 30_000);
  return () => {
    clockListeners.delete(listener);
    if (!clockListeners.size && clock) {
      clearInterval(clock);
      clock = undefined;
    }
  };
}

/** "3 分钟前" with the exact time on hover; follows the language and the clock. */
export function RelativeTime({ value }: { value: string | null | undefined }) {
  const { t } = useTranslation();
  const current = useSyncExternalStore(subscribeClock, () => now);
  if (!value) return null;
  const at = dayjs(value);
  const ref = Math.max(current, Date.now());
  // A server clock slightly ahead must not read as "in a few seconds".
  return (
    <Tooltip title={`${formatChina(value, 'YYYY-MM-DD HH:mm:ss')} ${t('common.chinaTime')}`}>
      <time dateTime={value}>{dayjs(Math.min(at.valueOf(), ref)).from(ref)}</time>
    </Tooltip>
  );
}
