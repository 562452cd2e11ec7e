/** Times in the timeline and notifications read in China time, whatever the server's zone. */
const fmt = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

export function shortTime(d: Date): string {
  return fmt.format(d).replace(/\//g, '-');
}

export const TASK_STATUS_LABELS: Record<string, string> = {
  open: '待接收',
  in_progress: '处理中',
  submitted: '待审核',
  done: '已完成',
  cancelled: '已取消',
};

export const CASE_STATUS_LABELS: Record<string, string> = { running: '进行中', completed: '已完成', cancelled: '已取消' };

/** The timeline's words for a step on a task (the service and the demo history write the same). */
export function taskStepText(
  change: 'opened' | 'started' | 'submitted' | 'approved' | 'rejected' | 'completed' | 'overdue',
  t: { who: string; department: string; task: string; dueAt: Date; reason?: string | null },
): string {
  const name = `「${t.task}」`;
  switch (change) {
    case 'opened':
      return `${t.who}（${t.department}）查看了${name}`;
    case 'started':
      return `${t.who}（${t.department}）接收${name}`;
    case 'submitted':
      return `${t.who} 提交${name}的成果`;
    case 'approved':
      return `${t.who} 审核通过${name}`;
    case 'rejected':
      return `${t.who} 退回${name}：${t.reason ?? ''}`;
    case 'completed':
      return `${t.department}${name}完成`;
    case 'overdue':
      return `${t.department}${name}已逾期（期限 ${shortTime(t.dueAt)}）`;
  }
}
