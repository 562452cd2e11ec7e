import type { Actor } from '../../platform/access.js';
import type { Work } from '../../platform/work.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type ErrorDetail } from '../../platform/errors.js';
import { canAnswer, canViewWarning, isOpenResponse } from './policies.js';
import type { Linkage } from './linkage.js';
import type { ResponseRow, WarningRow, WarningStore } from './store.js';

const STATE_LABELS: Record<string, string> = { instructed: '待响应', acknowledged: '已确认', reported: '已反馈', overdue: '已逾期', stood_down: '已解除' };

/**
 * A department's answer (响应 → 反馈): acknowledge the instruction, then report the measures taken
 * (text, photos optional). Only the department's own members answer; the version they read must
 * still be current.
 */
export class ResponseActions {
  constructor(
    private readonly store: WarningStore,
    private readonly linkage: Linkage,
  ) {}

  async acknowledge(w: Work, actor: Actor, warningId: string, responseId: string, version: number) {
    const { warning, response } = await this.load(w, actor, warningId, responseId);
    this.check(actor, warning, response, version, 'acknowledge');
    if (response.acknowledged_at) throw invalidState(response, 'it was already acknowledged');
    const now = w.clock.now();
    await this.store.updateResponse(w.tx, response.id, version, { state: response.state === 'overdue' ? 'overdue' : 'acknowledged', acknowledged_at: now, acknowledged_by: actor.userId }, now);
    w.audit({ action: 'warning.acknowledge', entityType: 'warning_response', entityId: response.id, before: { state: response.state }, after: { state: 'acknowledged', warningId } });
  }

  async report(w: Work, actor: Actor, warningId: string, responseId: string, input: { version: number; measures: string; photos?: string[] }) {
    const { warning, response } = await this.load(w, actor, warningId, responseId);
    this.check(actor, warning, response, input.version, 'report');
    const measures = input.measures.trim();
    const photos = [...new Set(input.photos ?? [])];
    const details: ErrorDetail[] = [];
    if (!measures) details.push({ path: 'body.measures', message: 'required' });
    const found = new Map((await this.store.files(w.tx, photos)).map((f) => [f.id, f]));
    photos.forEach((id, i) => {
      const f = found.get(id);
      if (!f) details.push({ path: `body.photos.${i}`, message: 'no such file; upload it with POST /files first' });
      else if (!f.mime.startsWith('image/')) details.push({ path: `body.photos.${i}`, message: 'must be an image' });
    });
    if (details.length) throw new ValidationError('the measures cannot be reported', details);
    const now = w.clock.now();
    await this.store.updateResponse(
      w.tx,
      response.id,
      input.version,
      {
        state: 'reported', measures, photos, reported_at: now, reported_by: actor.userId,
        // reporting the measures says the instruction was received
        ...(response.acknowledged_at ? {} : { acknowledged_at: now, acknowledged_by: actor.userId }),
      },
      now,
    );
    w.audit({ action: 'warning.report', entityType: 'warning_response', entityId: response.id, before: { state: response.state }, after: { state: 'reported', measures, photos, warningId } });
    await w.cancelJobsByPrefix(`warning:${warningId}:${response.id}:`);
    await this.linkage.refreshLoop(w, warningId);
  }

  private async load(w: Work, actor: Actor, warningId: string, responseId: string) {
    const warning = await this.store.warning(w.tx, warningId, true);
    if (!warning || !canViewWarning(actor, { status: warning.status, departmentIds: warning.department_ids })) throw new NotFoundError('warning', warningId);
    const response = await this.store.response(w.tx, responseId);
    if (!response || response.warning_id !== warningId) throw new NotFoundError('warning response', responseId);
    return { warning, response };
  }

  /** A wrong person is forbidden; a wrong state or a stale version is a conflict. */
  private check(actor: Actor, warning: WarningRow, response: ResponseRow, version: number, what: string) {
    if (!canAnswer(actor, { departmentId: response.department_id })) throw new ForbiddenError(`only members of ${response.department_name} answer this instruction`);
    if (warning.state === 'cancelled') throw invalidState(response, 'the warning was cancelled');
    if (!isOpenResponse(response.state)) throw invalidState(response, `it cannot be ${what}d now`);
    if (response.version !== version) {
      throw new ConflictError('the answer was changed by someone else; reload and try again', 'VERSION_CONFLICT', [{ path: 'body.version', message: `current version is ${response.version}` }]);
    }
  }
}

function invalidState(r: ResponseRow, why: string) {
  return new ConflictError(`this answer is ${STATE_LABELS[r.state] ?? r.state}: ${why}`, 'INVALID_STATE', [{ path: 'state', message: `current state ${r.state}` }]);
}
