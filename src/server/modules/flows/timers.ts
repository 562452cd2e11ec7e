import type { JobRequest, Work } from '../../platform/work.js';
import type { Escalation } from '../../../core/flows/index.js';

export type TimerKind = 'remind' | 'overdue' | 'escalate';
export const TIMER_JOBS: Record<TimerKind, string> = { remind: 'flows.remind', overdue: 'flows.overdue', escalate: 'flows.escalate' };

const HOUR = 3_600_000;

/**
 * A task's deadline timers as durable jobs: a reminder before the deadline, the overdue notice at
 * it, escalation to the committee after a further delay. Keys `flow:<case>:<task>:<kind>` let a
 * finished task, a moved deadline or a cancelled case cancel them; the job carries the deadline
 * it was made for, so a stale one does nothing.
 */
export function timerJobs(instanceId: string, task: { key: string; due_at: Date | string }, esc: Escalation, now: Date): JobRequest[] {
  const due = new Date(task.due_at);
  const payload = { instanceId, key: task.key, dueAt: due.toISOString() };
  const key = (kind: TimerKind) => `flow:${instanceId}:${task.key}:${kind}`;
  const jobs: JobRequest[] = [];
  const remindAt = new Date(due.getTime() - esc.remindBeforeHours * HOUR);
  if (esc.remindBeforeHours > 0 && remindAt.getTime() > now.getTime()) {
    jobs.push({ name: TIMER_JOBS.remind, payload, runAt: remindAt, singletonKey: key('remind') });
  }
  jobs.push({ name: TIMER_JOBS.overdue, payload, runAt: due, singletonKey: key('overdue') });
  if (esc.committeeAfterHours !== null) {
    // at least a second after the overdue notice, so the committee hears of an overdue task
    const at = new Date(due.getTime() + Math.max(esc.committeeAfterHours * HOUR, 1000));
    jobs.push({ name: TIMER_JOBS.escalate, payload, runAt: at, singletonKey: key('escalate') });
  }
  return jobs;
}

export class FlowTimers {
  async schedule(w: Work, instanceId: string, task: { key: string; due_at: Date | string }, esc: Escalation, now: Date) {
    for (const job of timerJobs(instanceId, task, esc, now)) await w.schedule(job);
  }
}
