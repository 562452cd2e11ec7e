/** Status tags of a case and of a department's task (raw status in data-status for tests). */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseStatus, TaskStatus } from '../types';

const CASE_COLOR: Record<CaseStatus, string> = { running: 'processing', completed: 'success', cancelled: 'default' };
const TASK_COLOR: Record<TaskStatus, string> = { open: 'orange', in_progress: 'blue', submitted: 'purple', done: 'green', cancelled: 'default' };

export function CaseStatusTag({ status, testId }: { status: CaseStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={CASE_COLOR[status] ?? 'default'} data-testid={testId} data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`flows.caseStatus.${status}`, { defaultValue: status })}
    </Tag>
  );
}

export function TaskStatusTag({ status, testId }: { status: TaskStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={TASK_COLOR[status] ?? 'default'} data-testid={testId} data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`flows.taskStatus.${status}`, { defaultValue: status })}
    </Tag>
  );
}
