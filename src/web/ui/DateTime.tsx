import { Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '';
}

/** "3 分钟前" with the exact time on hover (re-renders with the language). */
export function RelativeTime({ value }: { value: string | null | undefined }) {
  useTranslation();
  if (!value) return null;
  return (
    <Tooltip title={dayjs(value).format('YYYY-MM-DD HH:mm:ss')}>
      <time dateTime={value}>{dayjs(value).fromNow()}</time>
    </Tooltip>
  );
}
