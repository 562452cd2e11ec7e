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
