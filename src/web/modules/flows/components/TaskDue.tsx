/**
 * A task's deadline: time left while the department works on it, 已逾期 in red once late (the
 * server's flag, or the clock passing dueAt while the page is open), the finish time once done.
 */
import { useEffect, useState } from 'react';
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../ui/DateTime';
import { formatDuration } from '../../hazards/components/loop/Deadline';
import type { FlowTask } from '../types';

const HOUR = 3_600_000;

function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

type DueTask = Pick<FlowTask, 'status' | 'dueAt' | 'overdue'> & { timestamps?: Partial<FlowTask['timestamps']> };

/** Whether a task counts as late now. */
export function isLate(task: DueTask, now = Date.now()): boolean {
  const running = task.status === 'open' || task.status === 'in_progress';
  return (task.overdue && task.status !== 'done' && task.status !== 'cancelled') || (running && new Date(task.dueAt).getTime() <= now);
}

export function TaskDue({ task, compact = false }: { task: DueTask; compact?: boolean }) {
  const { t } = useTranslation();
  const now = useNow();
  if (task.status === 'cancelled') return <Typography.Text type="secondary">—</Typography.Text>;
  if (task.status === 'done') {
    const at = task.timestamps?.doneAt;
    return (
      <Typography.Text type="secondary" style={{ fontSize: compact ? 12 : undefined }} data-testid="flow-task-due" data-overdue="false">
        {at ? t('flows.time.doneAt', { time: formatDateTime(at) }) : t('flows.taskStatus.done')}
      </Typography.Text>
    );
  }
  const left = new Date(task.dueAt).getTime() - now;
  const late = isLate(task, now);
  const running = task.status === 'open' || task.status === 'in_progress';
  const date = (
    <Typography.Text type={late ? 'danger' : running ? undefined : 'secondary'} style={{ whiteSpace: 'nowrap', fontSize: compact ? 12 : undefined }}>
      {t('flows.time.due', { time: formatDateTime(task.dueAt) })}
    </Typography.Text>
  );
  const hint = late ? (
    <Space size={4}>
      <Tag color="red" style={{ marginInlineEnd: 0 }}>
        {t('flows.time.overdue')}
      </Tag>
      {left < 0 && (
        <Typography.Text type="danger" style={{ fontSize: compact ? 12 : undefined, whiteSpace: 'nowrap' }}>
          {t('flows.time.overdueBy', { time: formatDuration(left, t) })}
        </Typography.Text>
      )}
    </Space>
  ) : running ? (
    <Typography.Text type={left < 4 * HOUR ? 'warning' : 'secondary'} style={{ fontSize: compact ? 12 : undefined, whiteSpace: 'nowrap' }}>
      {t('flows.time.remaining', { time: formatDuration(left, t) })}
    </Typography.Text>
  ) : null;
  const props = { 'data-testid': 'flow-task-due', 'data-overdue': late ? 'true' : 'false' };
  if (compact) {
    return (
      <div {...props}>
        <div>{hint ?? date}</div>
        {hint && <div>{date}</div>}
      </div>
    );
  }
  return (
    <Space size={6} wrap {...props}>
      {hint}
      {date}
    </Space>
  );
}
