import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RepairStatus } from '../api';

const COLOR: Record<RepairStatus, string> = { open: 'orange', in_progress: 'processing', done: 'success' };

export function RepairStatusTag({ status }: { status: RepairStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLOR[status] ?? 'default'} data-testid="repair-status" data-status={status}>
      {t(`repairs.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}
