import type { Actor } from '../../platform/access.js';
import type { Platform } from '../../platform/platform.js';
import type { Work } from '../../platform/work.js';
import { ConflictError, ForbiddenError, ValidationError, type ErrorDetail } from '../../platform/errors.js';
import { nextStatus, type HazardAction } from '../../../core/hazards/lifecycle.js';
import { DEADLINE_RULES, deadlineTimers, stageKey } from '../../../core/hazards/deadlines.js';
import { NotificationService } from '../notifications/service.js';
import { auditView, eventPayload, scopeOf, versionConflict, type HazardService } from './service.js';
import type { HazardRow } from './store.js';
import { canDispatchHazard, canAssessHazard, canSubmitRectification, canVerifyHazard } from './policies.js';
import { HAZARD_UPDATED, ASSESSMENT_REMINDER_JOB, DEADLINE_JOB } from './events.js';
import { gradeHazard, assessRisk, type RiskInput } from './grading.js';
import { enforceDuties, recordStepDone } from '../flows/step-kinds.js';

/** A step taken from a collaboration case: the case checked who may do it and serialises it (no version from a form). */
export interface StepOptions {
  viaCase?: boolean;
}

export interface AssessInput {
  version: number;
  grade?: 'general' | 'major';
  potentialDeaths?: number;
  directLossYuan?: number;
  risk?: RiskInput;
  basis: string;
}

export interface DispatchInput {
  version: number;
  responsibleDepartmentId: string;
  responsibleUserId: string;
  deadline: string;
  measures: string;
  budgetYuan?: number;
  supervisorId?: string;
}

export interface SubmitInput {
  version: number;
  note: string;
  afterPhotos: string[];
}

export interface VerifyInput {
  version: number;
  result: 'pass' | 'reject';
  comment?: string;
}

/** The step kind (flows) each loop action is; a rejection is the 验收 step too. */
const STEP_KIND_OF: Record<HazardAction, string> = {
  assess: 'hazard.assess',
  dispatch: 'hazard.dispatch',
  submit: 'hazard.rectify',
  pass: 'hazard.verify',
  reject: 'hazard.verify',
};

const TIMER_PREFIX = (id: string) => `hazard-deadline:${id}:`;

/**
 * The closed loop's use cases. Each checks the caller's right and the state first, applies the
 * step with a version check (two people acting at once: one wins, the other gets 409), records the
 * transition with its basis, audits it, notifies whoever acts next and moves the timers.
 */
export class HazardLoop {
  private readonly notifications: NotificationService;
  constructor(
    private readonly p: Platform,
    private readonly hazards: HazardService,
  ) {
    this.notifications = new NotificationService(p);
  }

  assess(actor: Actor, id: string, input: AssessInput) {
    return this.p.run(actor, async (w) => this.hazards.present(w, actor, await this.assessIn(w, actor, id, input)));
  }

  assessIn(w: Work, actor: Actor, id: string, input: AssessInput, opts: StepOptions = {}) {
    return this.step(w, actor, id, input.version, opts, 'assess', canAssessHazard, async (w, row, now) => {
      const graded = await gradeHazard(w, input);
      const risk = input.risk ? await assessRisk(w, input.risk) : null;
      await w.cancelJobs(`hazard-assess:${id}`);
      return {
        patch: {
          grade: graded.grade,
          potential_deaths: input.potentialDeaths ?? null,
          direct_loss_yuan: input.directLossYuan ?? null,
          risk_method: risk?.method ?? null,
          risk_input: risk ? JSON.stringify(risk.input) : null,
          risk_score: risk?.score ?? null,
          risk_level: risk?.label ?? null,
          risk_color: risk?.color ?? null,
          standards_version: graded.version,
          assessment_basis: input.basis,
          assessed_at: now,
        },
        basis: input.basis,
        data: { grade: graded.grade, gradeLabel: graded.label, risk, standardsVersion: graded.version, ruleBasis: graded.basis },
        after: async (updated) => {
          if (graded.grade === 'major') {
            const committee = await this.notifications.store.usersWithRoles(w.tx, ['committee']);
            await this.notify(w, committee, updated, 'hazard.major', `重大隐患：${updated.title}`, `${updated.code} 评估为重大隐患，将挂牌督办`);
          }
        },
      };
    });
  }

  dispatch(actor: Actor, id: string, input: DispatchInput) {
    return this.p.run(actor, async (w) => this.hazards.present(w, actor, await this.dispatchIn(w, actor, id, input)));
  }

  dispatchIn(w: Work, actor: Actor, id: string, input: DispatchInput, opts: StepOptions = {}) {
    return this.step(w, actor, id, input.version, opts, 'dispatch', canDispatchHazard, async (w, row, now) => {
      const grade = (row.grade ?? 'general') as 'general' | 'major';
      const deadline = new Date(input.deadline);
      const details: ErrorDetail[] = [];
      const rule = DEADLINE_RULES[grade];
      if (deadline.getTime() <= now.getTime()) details.push({ path: 'body.deadline', message: 'the deadline must be in the future' });
      if (deadline.getTime() > now.getTime() + rule.maxDays * 86_400_000) {
        details.push({ path: 'body.deadline', message: `${grade === 'major' ? '重大隐患' : '一般隐患'} must be rectified within ${rule.maxDays} days` });
      }
      if (grade === 'major' && !input.supervisorId) details.push({ path: 'body.supervisorId', message: '重大隐患 need a named supervisor (挂牌督办)' });
      const people = await this.hazards.store.usersInfo(w.tx, [input.responsibleUserId, ...(input.supervisorId ? [input.supervisorId] : [])]);
      const responsible = people.find((u) => u.id === input.responsibleUserId);
      if (!responsible || !responsible.active) details.push({ path: 'body.responsibleUserId', message: 'no such active user' });
      else if (responsible.department_id !== input.responsibleDepartmentId) {
        details.push({ path: 'body.responsibleUserId', message: 'the responsible person is not in the responsible department' });
      }
      if (input.supervisorId && !people.some((u) => u.id === input.supervisorId && u.active)) {
        details.push({ path: 'body.supervisorId', message: 'no such active user' });
      }
      if (details.length) throw new ValidationError('the dispatch cannot be accepted', details);
      enforceDuties('hazard.dispatch', actor, { grade, parties: { supervisor: [input.supervisorId] } });
      await this.scheduleTimers(w, id, grade, deadline);
      return {
        patch: {
          responsible_department_id: input.responsibleDepartmentId,
          responsible_user_id: input.responsibleUserId,
          deadline,
          measures: input.measures,
          budget_yuan: input.budgetYuan ?? null,
          supervisor_id: input.supervisorId ?? null,
          dispatched_at: now,
        },
        basis: input.measures,
        data: { responsibleDepartmentId: input.responsibleDepartmentId, responsibleUserId: input.responsibleUserId, deadline: deadline.toISOString(), budgetYuan: input.budgetYuan ?? null, supervisorId: input.supervisorId ?? null },
        after: async (updated) => {
          const head = await this.notifications.store.departmentHead(w.tx, input.responsibleDepartmentId);
          await this.notify(w, [input.responsibleUserId, head ?? '', input.supervisorId ?? ''], updated, 'hazard.dispatched', `整改任务：${updated.title}`, `${updated.code} 请于 ${fmt(deadline)} 前完成整改`);
        },
      };
    });
  }

  submit(actor: Actor, id: string, input: SubmitInput) {
    return this.p.run(actor, async (w) => this.hazards.present(w, actor, await this.submitIn(w, actor, id, input)));
  }

  submitIn(w: Work, actor: Actor, id: string, input: SubmitInput, opts: StepOptions = {}) {
    return this.step(w, actor, id, input.version, opts, 'submit', canSubmitRectification, async (w, _row, now) => {
      const found = await this.hazards.store.photos(w.tx, input.afterPhotos);
      const details: ErrorDetail[] = [];
      input.afterPhotos.forEach((pid, i) => {
        const f = found.find((x) => x.id === pid);
        if (!f || !f.mime.startsWith('image/')) details.push({ path: `body.afterPhotos.${i}`, message: 'no such image' });
      });
      if (details.length) throw new ValidationError('some photos are not valid', details);
      // finished before the deadline: its reminders are pointless now
      await w.cancelJobsByPrefix(TIMER_PREFIX(id));
      return {
        patch: { rectification_note: input.note, after_photos: input.afterPhotos, rectified_at: now },
        basis: input.note,
        data: { afterPhotos: input.afterPhotos },
        after: async (updated) => {
          const assessors = await this.notifications.store.usersWithRoles(w.tx, ['safety_officer']);
          await this.notify(w, [...assessors, updated.supervisor_id ?? ''], updated, 'hazard.to_verify', `待验收：${updated.title}`, `${updated.code} 整改已完成，请验收`);
        },
      };
    });
  }

  verify(actor: Actor, id: string, input: VerifyInput) {
    return this.p.run(actor, async (w) => this.hazards.present(w, actor, await this.verifyIn(w, actor, id, input)));
  }

  verifyIn(w: Work, actor: Actor, id: string, input: VerifyInput, opts: StepOptions = {}) {
    const action: HazardAction = input.result === 'pass' ? 'pass' : 'reject';
    if (action === 'reject' && !input.comment?.trim()) {
      throw new ValidationError('a rejection needs a reason', [{ path: 'body.comment', message: 'required when rejecting' }]);
    }
    return this.step(w, actor, id, input.version, opts, action, canVerifyHazard, async (w, row, now) => {
      // separation of duties (core/flows/duties.ts): never the rectifier; for 重大隐患 not the rectifying team
      const rectifier = await this.hazards.store.lastRectifier(w.tx, id);
      enforceDuties('hazard.verify', actor, {
        grade: row.grade,
        parties: { rectifier: [rectifier, row.responsible_user_id], rectifying_department: [row.responsible_department_id] },
      });
      if (action === 'reject') {
        // back to rectification against the same deadline; timers resume (overdue fires at once if past)
        await this.scheduleTimers(w, id, (row.grade ?? 'general') as 'general' | 'major', new Date(row.deadline!));
      }
      return {
        patch: action === 'pass' ? { closed_at: now } : { reject_count: row.reject_count + 1, rectified_at: null },
        basis: input.comment ?? (action === 'pass' ? '验收合格' : null),
        data: { result: input.result },
        after: async (updated) => {
          if (action === 'pass') {
            await this.notify(w, [updated.reporter_id ?? '', updated.responsible_user_id ?? ''], updated, 'hazard.closed', `已销号：${updated.title}`, `${updated.code} 验收通过，隐患已销号`);
          } else {
            const head = updated.responsible_department_id ? await this.notifications.store.departmentHead(w.tx, updated.responsible_department_id) : null;
            await this.notify(w, [updated.responsible_user_id ?? '', head ?? ''], updated, `hazard.rejected.${updated.reject_count}`, `验收驳回：${updated.title}`, `${updated.code} 驳回原因：${input.comment}`);
          }
        },
      };
    });
  }

  /**
   * One loop step: access, state, version, the step's own work, transition record, audit, event.
   * From a case (`viaCase`) the step kind already checked who may act and the case lock orders
   * concurrent steps, so the current version is taken and the page's access rule is not asked again.
   */
  private async step(
    w: Work,
    actor: Actor,
    id: string,
    version: number,
    opts: StepOptions,
    action: HazardAction,
    allowed: (a: Actor, scope: ReturnType<typeof scopeOf>) => boolean,
    apply: (
      w: Work,
      row: HazardRow,
      now: Date,
    ) => Promise<{ patch: Record<string, unknown>; basis: string | null; data: unknown; after?: (updated: HazardRow) => Promise<void> }>,
  ) {
    {
      const row = opts.viaCase ? await this.hazards.store.get(w.tx, id) : await this.hazards.visible(w, actor, id);
      if (!row) throw new ConflictError('the hazard no longer exists', 'INVALID_STATE');
      if (opts.viaCase) version = row.version;
      const to = nextStatus(row.status, action);
      if (!to) {
        throw new ConflictError(`a hazard in state "${row.status}" cannot be ${action}ed`, 'INVALID_STATE', [
          { path: 'status', message: `current state ${row.status}` },
        ]);
      }
      if (!opts.viaCase && !allowed(actor, scopeOf(row))) throw new ForbiddenError(`you may not ${action} this hazard`);
      if (row.version !== version) throw versionConflict(row.version);
      const now = this.p.clock.now();
      const step = await apply(w, row, now);
      const ok = await this.hazards.store.transition(w.tx, id, version, { ...step.patch, status: to }, now);
      if (!ok) throw versionConflict(row.version);
      const updated = (await this.hazards.store.get(w.tx, id))!;
      await this.hazards.store.recordTransition(w.tx, {
        tenantId: actor.tenantId,
        hazardId: id,
        action,
        from: row.status,
        to,
        actorId: actor.userId,
        actorName: actor.displayName,
        at: now,
        basis: step.basis,
        data: step.data,
      });
      w.audit({ action: `hazard.${action}`, entityType: 'hazard', entityId: id, before: auditView(row), after: auditView(updated), basis: step.basis });
      w.emit({ type: HAZARD_UPDATED, subjectType: 'hazard', subjectId: id, payload: { ...eventPayload(updated), action } });
      await step.after?.(updated);
      // a rejection on the page leaves the case's 验收 waiting for the rework
      if (!opts.viaCase && action !== 'reject') await recordStepDone(this.p, w, actor, { type: 'hazard', id }, STEP_KIND_OF[action], step.data);
      return updated;
    }
  }

  private async scheduleTimers(w: Work, id: string, grade: 'general' | 'major', deadline: Date) {
    await w.cancelJobsByPrefix(TIMER_PREFIX(id));
    const now = this.p.clock.now();
    for (const { stage, at } of deadlineTimers(grade, deadline)) {
      // a reminder whose moment has passed is skipped; overdue and escalation still fire
      if (stage.kind === 'remind' && at.getTime() < now.getTime()) continue;
      await w.schedule({
        name: DEADLINE_JOB,
        payload: { hazardId: id, stage: stageKey(stage), deadline: deadline.toISOString() },
        runAt: at,
        singletonKey: `${TIMER_PREFIX(id)}${deadline.toISOString()}:${stageKey(stage)}`,
      });
    }
  }

  private async notify(w: Work, userIds: string[], h: HazardRow, kind: string, title: string, body: string) {
    await this.notifications.notify(w, userIds, {
      kind: kind.split('.').slice(0, 2).join('.'),
      title,
      body,
      link: `/hazards/${h.id}`,
      subjectType: 'hazard',
      subjectId: h.id,
      dedupeKey: `${kind}:${h.id}:${h.version}`,
    });
  }
}

export { ASSESSMENT_REMINDER_JOB };

function fmt(d: Date): string {
  return d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}
