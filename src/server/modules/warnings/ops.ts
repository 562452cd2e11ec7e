import type { Work } from '../../platform/work.js';
import { WARNING_UPDATED, timerPrefix, type WarningEventPayload } from './events.js';
import { isUrgent, link, type Notifier } from './notify.js';
import { isOpenResponse } from './policies.js';
import type { Linkage } from './linkage.js';
import type { InsertWarning, WarningStore } from './store.js';

export type NewWarning = Omit<InsertWarning, 'tenant_id' | 'created_at' | 'updated_at'>;

/**
 * The few things every path does to a warning — CAP push and poll, manual and neighbour reports,
 * sensors — so they behave alike: create and link, update and re-link, cancel and stand down,
 * and announce each change once.
 */
export class WarningOps {
  constructor(
    private readonly store: WarningStore,
    private readonly linkage: Linkage,
    private readonly notifier: Notifier,
  ) {}

  /** A new warning, linked by the rules. Null if the identifier is taken (the caller treats it as a duplicate). */
  async create(w: Work, v: NewWarning): Promise<string | null> {
    const id = await this.store.insertWarning(w.tx, { ...v, tenant_id: w.tenantId, now: w.clock.now() });
    if (!id) return null;
    w.audit({ action: 'warning.receive', entityType: 'warning', entityId: id, after: { identifier: v.identifier, sourceKind: v.source_kind, status: v.status, eventType: v.event_type, color: v.color, headline: v.headline } });
    await this.linkage.run(w, id, 'created');
    return id;
  }

  /** New content for a warning (a CAP Update): the rules run again on it. */
  async update(w: Work, id: string, patch: Partial<NewWarning>) {
    const before = (await this.store.warning(w.tx, id, true))!;
    await this.store.updateWarning(w.tx, id, patch, w.clock.now());
    w.audit({
      action: 'warning.update', entityType: 'warning', entityId: id,
      before: { status: before.status, color: before.color, eventType: before.event_type, headline: before.headline, expires: before.expires },
      after: { status: patch.status, color: patch.color, eventType: patch.event_type, headline: patch.headline, expires: patch.expires },
    });
    await this.linkage.run(w, id, 'updated');
  }

  /** Cancelled (by the issuer, or by the safety department for a manual one): open answers stand down, timers stop. */
  async cancel(w: Work, id: string, reason: string) {
    const row = (await this.store.warning(w.tx, id, true))!;
    if (row.state === 'cancelled') return;
    const now = w.clock.now();
    const responses = await this.store.responsesOf(w.tx, [id]);
    const open = responses.filter((r) => isOpenResponse(r.state));
    for (const r of open) await this.store.updateResponse(w.tx, r.id, undefined, { state: 'stood_down', stood_down_at: now }, now);
    await this.store.updateWarning(
      w.tx,
      id,
      { state: 'cancelled', msg_type: 'Cancel', cancelled_at: now, cancel_reason: reason, loop: responses.length ? 'closed' : 'none', closed_at: responses.length ? (row.closed_at ?? now) : null },
      now,
    );
    await w.cancelJobsByPrefix(timerPrefix(id));
    if (open.length) {
      const members = await this.store.members(w.tx, open.map((r) => r.department_id));
      await this.notifier.notifyMany(
        w,
        open.map((r) => ({
          userIds: members.filter((m) => m.department_id === r.department_id && m.id !== w.actor.userId).map((m) => m.id),
          n: {
            kind: 'warning.cancelled',
            title: `预警解除：${row.headline}`.slice(0, 200),
            body: `${reason}。${r.department_name}的响应可解除。`.slice(0, 500),
            link: link(row),
            subjectType: 'warning',
            subjectId: id,
            dedupeKey: `warning.cancelled:${r.id}`,
            urgent: isUrgent(row),
            departmentIds: [r.department_id],
          },
        })),
      );
    }
    w.audit({ action: 'warning.cancel', entityType: 'warning', entityId: id, before: { state: row.state, loop: row.loop }, after: { state: 'cancelled', stoodDown: open.map((r) => r.department_id) }, basis: reason });
  }

  /** One outbox event per change, with what the audience rule needs. */
  async changed(w: Work, id: string) {
    const row = await this.store.warning(w.tx, id);
    if (!row) return;
    const payload: WarningEventPayload = { departmentIds: row.department_ids, status: row.status };
    w.emit({ type: WARNING_UPDATED, subjectType: 'warning', subjectId: id, payload });
  }
}
