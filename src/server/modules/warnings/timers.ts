import type { Work } from '../../platform/work.js';
import { NotificationStore } from '../notifications/store.js';
import { shortTime } from '../flows/format.js';
import { WARNING_JOBS, timerPrefix } from './events.js';
import { COLOR_LABELS, isUrgent, link, type Notifier } from './notify.js';
import type { WarningStore } from './store.js';
import { isOpenResponse } from './policies.js';

const HOUR = 3_600_000;


/** Who hears of overdue answers and test messages: the shared recipient lookups. */
const recipients = new NotificationStore();

export interface TimerPayload {
  warningId: string;
  responseId: string;
  dueAt: string;
}

/**
 * A department's deadline as durable jobs: the overdue notice at the deadline (department head and
 * safety officers), escalation to the safety committee escalateAfterHours later. Keys
 * `warning:<warning>:<response>:<kind>` let a closed loop or a cancelled warning cancel them all;
 * the job carries the deadline it was made for, so a stale one does nothing.
 */
export async function scheduleTimers(w: Work, r: { warningId: string; responseId: string; dueAt: Date; escalateAfterHours: number }) {
  const payload: TimerPayload = { warningId: r.warningId, responseId: r.responseId, dueAt: r.dueAt.toISOString() };
  const key = (kind: string) => `${timerPrefix(r.warningId)}${r.responseId}:${kind}`;
  await w.schedule({ name: WARNING_JOBS.overdue, payload: { ...payload }, runAt: r.dueAt, singletonKey: key('overdue') });
  // at least a second after the overdue notice, so the committee hears of an overdue answer
  const at = new Date(r.dueAt.getTime() + Math.max(r.escalateAfterHours * HOUR, 1000));
  await w.schedule({ name: WARNING_JOBS.escalate, payload: { ...payload }, runAt: at, singletonKey: key('escalate') });
}

export class WarningTimers {
  constructor(
    private readonly store: WarningStore,
    private readonly notifier: Notifier,
    /** Announce the change (one warning.updated event). */
    private readonly changed: (w: Work, warningId: string) => Promise<void>,
  ) {}

  /** The deadline passed without an answer: once, and only if the answer is still missing. */
  async onOverdue(w: Work, p: TimerPayload) {
    const warning = await this.store.warning(w.tx, p.warningId, true);
    const r = await this.store.response(w.tx, p.responseId);
    if (!warning || warning.state === 'cancelled' || !r || new Date(r.due_at).toISOString() !== p.dueAt) return;
    if (!isOpenResponse(r.state) || r.overdue_at) return;
    await this.markOverdue(w, warning, r);
    await this.changed(w, warning.id);
  }

  async onEscalate(w: Work, p: TimerPayload) {
    const warning = await this.store.warning(w.tx, p.warningId, true);
    let r = await this.store.response(w.tx, p.responseId);
    if (!warning || warning.state === 'cancelled' || !r || new Date(r.due_at).toISOString() !== p.dueAt) return;
    if (!isOpenResponse(r.state) || r.escalated_at) return;
    // Workers that fell behind may reach the escalation before the overdue notice: give it first.
    if (!r.overdue_at) {
      await this.markOverdue(w, warning, r);
      r = (await this.store.response(w.tx, p.responseId))!;
    }
    const now = w.clock.now();
    await this.store.updateResponse(w.tx, r.id, undefined, { escalated_at: now }, now);
    const committee = await recipients.committeeMembers(w.tx);
    await this.notifier.notifyMany(w, [
      {
        userIds: committee,
        n: {
          kind: 'warning.escalated',
          title: `预警响应逾期升级：${r.department_name}`,
          body: `「${warning.headline}」要求 ${shortTime(new Date(r.due_at))} 前反馈措施，${r.department_name} 仍未反馈，请督办`,
          link: link(warning),
          subjectType: 'warning',
          subjectId: warning.id,
          dedupeKey: `warning.escalated:${r.id}:${p.dueAt}`,
          urgent: isUrgent(warning),
          departmentIds: [r.department_id],
        },
      },
    ]);
    w.audit({ action: 'warning.escalated', entityType: 'warning_response', entityId: r.id, after: { warningId: warning.id, departmentId: r.department_id }, basis: `逾期 ${Number(r.escalate_after_hours)} 小时未反馈，升级至安全委员会` });
    await this.changed(w, warning.id);
  }

  private async markOverdue(w: Work, warning: { id: string; headline: string; color: string }, r: { id: string; department_id: string; department_name: string; due_at: Date }) {
    const now = w.clock.now();
    await this.store.updateResponse(w.tx, r.id, undefined, { state: 'overdue', overdue_at: now }, now);
    const [departments, officers] = await Promise.all([this.store.departments(w.tx), recipients.usersWithRoles(w.tx, ['safety_officer'])]);
    const head = departments.find((d) => d.id === r.department_id)?.head_user_id;
    await this.notifier.notifyMany(w, [
      {
        userIds: [...(head ? [head] : []), ...officers],
        n: {
          kind: 'warning.overdue',
          title: `预警响应已逾期：${r.department_name}`,
          body: `${COLOR_LABELS[warning.color] ?? ''}预警「${warning.headline}」要求 ${shortTime(new Date(r.due_at))} 前反馈措施`,
          link: link(warning),
          subjectType: 'warning',
          subjectId: warning.id,
          dedupeKey: `warning.overdue:${r.id}:${new Date(r.due_at).toISOString()}`,
          urgent: isUrgent(warning),
          departmentIds: [r.department_id],
        },
      },
    ]);
    w.audit({ action: 'warning.overdue', entityType: 'warning_response', entityId: r.id, after: { warningId: warning.id, departmentId: r.department_id, dueAt: new Date(r.due_at).toISOString() } });
  }
}
