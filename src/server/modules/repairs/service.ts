import type { Actor } from '../../platform/access.js';
import type { Platform } from '../../platform/platform.js';
import type { Work } from '../../platform/work.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type ErrorDetail } from '../../platform/errors.js';
import { fileUrls } from '../../platform/files/routes.js';
import { NotificationService } from '../notifications/service.js';
import { canViewHazard } from '../hazards/policies.js';
import { hazardScopeOf, RepairStore, type RepairRow } from './store.js';
import { canViewRepair, canWorkRepair, repairPolicies, repairVisibility } from './policies.js';
import { REPAIR_CREATED, REPAIR_UPDATED, type RepairEventPayload } from './events.js';

/** The department that repairs equipment, by its code (设备部 in the demo company). */

export type RepairStatus = 'open' | 'in_progress' | 'done';

export const REPAIR_STATUS_LABELS: Record<RepairStatus, string> = { open: '待维修', in_progress: '维修中', done: '已完成' };

export interface StartInput {
  version: number;
  assigneeId?: string;
  plan: string;
  planFiles?: string[];
}

export interface CompleteInput {
  version: number;
  note: string;
}

/**
 * Repair orders: 设备部's lens on a hazard about equipment. open → in_progress (assignee and
 * repair plan) → done, each step with a version check, audited, announced in real time.
 */
export class RepairService {
  readonly store = new RepairStore();
  private readonly notifications: NotificationService;
  constructor(private readonly p: Platform) {
    this.notifications = new NotificationService(p);
  }

  /** Handler body for hazard.created/updated: one repair order per hazard about equipment. */
  async orderForHazard(w: Work, hazardId: string): Promise<string | null> {
    const hazard = await this.store.hazard(w.tx, hazardId);
    if (!hazard?.equipment_id || hazard.status === 'closed') return null;
    if (await this.store.existsForHazard(w.tx, hazardId)) return null;
    const department = await this.store.repairDepartment(w.tx);
    if (!department) return null; // a tenant without an equipment department: nobody to repair
    const now = this.p.clock.now();
    const code = await this.store.nextCode(w.tx, w.tenantId, now);
    const id = await this.store.insert(w.tx, { tenantId: w.tenantId, code, hazardId, equipmentId: hazard.equipment_id, departmentId: department.id, createdAt: now });
    if (!id) return null;
    const row = (await this.store.get(w.tx, id))!;
    w.audit({
      action: 'repair.create',
      entityType: 'repair_order',
      entityId: id,
      after: auditView(row),
      basis: `隐患 ${hazard.code} 涉及设备 ${hazard.equipment_code}，自动生成维修工单`,
    });
    this.emit(w, REPAIR_CREATED, row, 'created');
    await this.notifications.notify(w, department.head_user_id ? [department.head_user_id] : [], {
      kind: 'repair.created',
      title: `维修工单：${hazard.equipment_code} ${hazard.equipment_name}`,
      body: `${code} 来自隐患 ${hazard.code}「${hazard.title}」，请安排维修`,
      link: `/repairs/${id}`,
      subjectType: 'repair_order',
      subjectId: id,
      dedupeKey: `repair.created:${id}`,
    });
    return id;
  }

  list(actor: Actor, f: { status?: string[] }, page: number, pageSize: number) {
    const v = repairVisibility(actor);
    if (!v) throw new ForbiddenError('repair orders are for the equipment department, the safety department and administrators');
    return this.p.run(actor, async (w) => {
      const { rows, total } = await this.store.list(w.tx, { status: f.status, departmentId: v.all ? undefined : v.departmentId }, pageSize, (page - 1) * pageSize);
      const items = await Promise.all(rows.map((r) => this.present(w, actor, r, false)));
      return { items, total, page, pageSize };
    });
  }

  get(actor: Actor, id: string) {
    return this.p.run(actor, async (w) => this.present(w, actor, await this.visible(w, actor, id)));
  }

  start(actor: Actor, id: string, input: StartInput) {
    return this.p.run(actor, async (w) => this.present(w, actor, await this.startIn(w, actor, id, input)));
  }

  /** `viaCase`: a case's 维修方案 step (step-kinds.ts) — it checked who may act, and its lock orders steps. */
  startIn(w: Work, actor: Actor, id: string, input: StartInput, viaCase = false) {
    return this.step(w, actor, id, input.version, viaCase, 'open', 'started', async (w, row, now) => {
      const assigneeId = input.assigneeId ?? actor.userId;
      const details: ErrorDetail[] = [];
      const planFiles = [...new Set(input.planFiles ?? [])];
      if (!assigneeId) details.push({ path: 'body.assigneeId', message: 'required' });
      else {
        const [user] = await this.store.usersInfo(w.tx, [assigneeId]);
        if (!user || !user.active) details.push({ path: 'body.assigneeId', message: 'no such active user' });
        else if (user.department_id !== row.department_id) details.push({ path: 'body.assigneeId', message: 'the assignee is not in the repairing department' });
      }
      const found = await this.store.files(w.tx, planFiles);
      planFiles.forEach((fid, i) => {
        if (!found.some((f) => f.id === fid)) details.push({ path: `body.planFiles.${i}`, message: 'no such file' });
      });
      if (details.length) throw new ValidationError('the repair cannot be started', details);
      return {
        patch: { status: 'in_progress', assignee_id: assigneeId, plan: input.plan.trim(), plan_files: planFiles, started_at: now },
        basis: input.plan.trim(),
        notify: async (updated: RepairRow) => {
          if (updated.assignee_id && updated.assignee_id !== actor.userId) {
            await this.notifications.notify(w, [updated.assignee_id], {
              kind: 'repair.assigned',
              title: `维修任务：${updated.equipment_code} ${updated.equipment_name}`,
              body: `${updated.code} 已指派给您：${updated.plan ?? ''}`.slice(0, 500),
              link: `/repairs/${updated.id}`,
              subjectType: 'repair_order',
              subjectId: updated.id,
              dedupeKey: `repair.assigned:${updated.id}:${updated.version}`,
            });
          }
        },
      };
    });
  }

  complete(actor: Actor, id: string, input: CompleteInput) {
    return this.p.run(actor, async (w) => this.present(w, actor, await this.completeIn(w, actor, id, input)));
  }

  completeIn(w: Work, actor: Actor, id: string, input: CompleteInput, viaCase = false) {
    return this.step(w, actor, id, input.version, viaCase, 'in_progress', 'completed', async (w, _row, now) => ({
      patch: { status: 'done', result_note: input.note.trim(), done_at: now },
      basis: input.note.trim(),
      notify: async (updated: RepairRow) => {
        // the reporter and the safety department: the repair is done, the hazard can move on
        const safety = await this.notifications.store.usersWithRoles(w.tx, ['safety_officer']);
        await this.notifications.notify(w, [updated.h_reporter_id ?? '', ...safety].filter((u) => u !== actor.userId), {
          kind: 'repair.done',
          title: `维修完成：${updated.equipment_code} ${updated.equipment_name}`,
          body: `${updated.code}（隐患 ${updated.hazard_code}）${updated.result_note ?? ''}`.slice(0, 500),
          link: `/hazards/${updated.hazard_id}`,
          subjectType: 'repair_order',
          subjectId: updated.id,
          dedupeKey: `repair.done:${updated.id}`,
        });
      },
    }));
  }

  /** One step: visible, state, right, version; then the change, audit, event, notifications. */
  private async step(
    w: Work,
    actor: Actor,
    id: string,
    version: number,
    viaCase: boolean,
    from: RepairStatus,
    action: 'started' | 'completed',
    apply: (w: Work, row: RepairRow, now: Date) => Promise<{ patch: Record<string, unknown>; basis: string; notify?: (updated: RepairRow) => Promise<void> }>,
  ): Promise<RepairRow> {
    {
      const row = viaCase ? await this.store.get(w.tx, id) : await this.visible(w, actor, id);
      if (!row) throw new NotFoundError('repair order', id);
      if (viaCase) version = row.version;
      if (row.status !== from) {
        throw new ConflictError(`a repair order in state "${row.status}" cannot be ${action}`, 'INVALID_STATE', [
          { path: 'status', message: `current state ${row.status}` },
        ]);
      }
      if (!viaCase && !canWorkRepair(actor, { departmentId: row.department_id })) throw new ForbiddenError('only the repairing department works on this order');
      if (row.version !== version) throw versionConflict(row.version);
      const now = this.p.clock.now();
      const step = await apply(w, row, now);
      const ok = await this.store.update(w.tx, id, version, from, step.patch, now);
      if (!ok) throw versionConflict(row.version);
      const updated = (await this.store.get(w.tx, id))!;
      w.audit({
        action: action === 'started' ? 'repair.start' : 'repair.complete',
        entityType: 'repair_order',
        entityId: id,
        before: auditView(row),
        after: auditView(updated),
        basis: step.basis,
      });
      this.emit(w, REPAIR_UPDATED, updated, action);
      await step.notify?.(updated);
      return updated;
    }
  }

  /** 诊断: the cause found, kept on the order (its state does not change: the plan starts the repair). */
  async diagnoseIn(w: Work, actor: Actor, id: string, diagnosis: string) {
    const row = await this.store.get(w.tx, id);
    if (!row) throw new NotFoundError('repair order', id);
    if (row.status === 'done') throw new ConflictError('the repair order is already done', 'INVALID_STATE', [{ path: 'status', message: 'current state done' }]);
    const now = this.p.clock.now();
    const ok = await this.store.update(w.tx, id, row.version, row.status as RepairStatus, { diagnosis, diagnosed_at: now }, now);
    if (!ok) throw versionConflict(row.version);
    const updated = (await this.store.get(w.tx, id))!;
    w.audit({ action: 'repair.diagnose', entityType: 'repair_order', entityId: id, before: auditView(row), after: auditView(updated), basis: diagnosis });
    this.emit(w, REPAIR_UPDATED, updated, 'started');
    return updated;
  }

  private emit(w: Work, type: string, r: RepairRow, action: RepairEventPayload['action']) {
    const payload: RepairEventPayload = { code: r.code, departmentId: r.department_id, hazardId: r.hazard_id, hazard: hazardScopeOf(r), action };
    w.emit({ type, subjectType: 'repair_order', subjectId: r.id, payload });
  }

  private async visible(w: Work, actor: Actor, id: string): Promise<RepairRow> {
    const row = await this.store.get(w.tx, id);
    // invisible and absent look the same
    if (!row || !canViewRepair(actor, { departmentId: row.department_id }, hazardScopeOf(row))) throw new NotFoundError('repair order', id);
    return row;
  }

  async present(w: Work, actor: Actor, r: RepairRow, withDetails = true) {
    const fileIds = withDetails ? [...r.plan_files, ...r.hazard_photos] : [];
    const found = await this.store.files(w.tx, fileIds);
    const byId = new Map(found.map((f) => [f.id, f]));
    const files = (ids: string[]) =>
      ids
        .map((id) => byId.get(id))
        .filter((f) => !!f)
        .map((f) => ({ id: f.id, mime: f.mime, size: f.size, name: f.original_name, width: f.width, height: f.height, ...fileUrls(f.id, !!f.thumb_sha256) }));
    const status = r.status as RepairStatus;
    return {
      id: r.id,
      code: r.code,
      status,
      statusLabel: REPAIR_STATUS_LABELS[status] ?? status,
      hazard: {
        id: r.hazard_id,
        code: r.hazard_code,
        title: r.hazard_title,
        description: r.hazard_description,
        status: r.hazard_status,
        reporter: r.hazard_reporter_name,
        reportedAt: new Date(r.hazard_reported_at).toISOString(),
        photos: files(r.hazard_photos),
        /** Whether the caller may open the hazard itself (设备部 may follow its progress regardless). */
        canView: canViewHazard(actor, hazardScopeOf(r)),
      },
      equipment: { id: r.equipment_id, code: r.equipment_code, name: r.equipment_name, area: r.area_name },
      department: { id: r.department_id, name: r.department_name },
      assignee: r.assignee_id ? { id: r.assignee_id, displayName: r.assignee_name ?? '' } : null,
      plan: r.plan,
      diagnosis: r.diagnosis,
      diagnosedAt: r.diagnosed_at ? new Date(r.diagnosed_at).toISOString() : null,
      planFiles: files(r.plan_files),
      resultNote: r.result_note,
      startedAt: r.started_at ? new Date(r.started_at).toISOString() : null,
      doneAt: r.done_at ? new Date(r.done_at).toISOString() : null,
      createdAt: new Date(r.created_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
      version: r.version,
      can: repairPolicies(actor, { departmentId: r.department_id, status: r.status }),
    };
  }
}

export function versionConflict(current: number) {
  return new ConflictError('the repair order was changed by someone else; reload and try again', 'VERSION_CONFLICT', [
    { path: 'body.version', message: `current version is ${current}` },
  ]);
}

function auditView(r: RepairRow) {
  return {
    code: r.code,
    status: r.status,
    hazardId: r.hazard_id,
    equipmentId: r.equipment_id,
    departmentId: r.department_id,
    assigneeId: r.assignee_id,
    plan: r.plan,
    diagnosis: r.diagnosis,
    planFiles: r.plan_files,
    resultNote: r.result_note,
    version: r.version,
  };
}
