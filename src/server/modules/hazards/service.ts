import type { Actor } from '../../platform/access.js';
import { requirePermission } from '../../platform/access.js';
import type { Platform } from '../../platform/platform.js';
import type { Work } from '../../platform/work.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type ErrorDetail } from '../../platform/errors.js';
import { idempotent } from '../../platform/idempotency.js';
import { fileUrls } from '../../platform/files/routes.js';
import { isOverdue } from '../../../core/hazards/lifecycle.js';
import { EXPORT_LIMIT } from './store.js';
import { HazardStore, type HazardFilter, type HazardRow, type HazardSort } from './store.js';
import { canEditHazard, canViewHazard, hazardPolicies, hazardVisibility, type HazardScope } from './policies.js';
import { ASSESSMENT_REMINDER_DELAY_MS, ASSESSMENT_REMINDER_JOB, HAZARD_CREATED, HAZARD_IMPORTED, HAZARD_UPDATED, type HazardEventPayload } from './events.js';

export interface ReportInput {
  title: string;
  description?: string;
  areaId?: string | null;
  equipmentId?: string | null;
  departmentId: string;
  photos?: string[];
  location?: { lat: number; lng: number; accuracy?: number } | null;
}

export interface EditInput {
  version: number;
  title?: string;
  description?: string;
  areaId?: string | null;
  equipmentId?: string | null;
  departmentId?: string;
}

/** What the access rules decide on, from a full row or a list item's columns. */
export function scopeOf(
  row: Pick<HazardRow, 'status' | 'reporter_id' | 'department_id' | 'reporter_department_id' | 'responsible_department_id' | 'responsible_user_id' | 'supervisor_id' | 'grade'>,
): HazardScope {
  return {
    status: row.status,
    reporterId: row.reporter_id,
    departmentId: row.department_id,
    reporterDepartmentId: row.reporter_department_id,
    responsibleDepartmentId: row.responsible_department_id,
    responsibleUserId: row.responsible_user_id,
    supervisorId: row.supervisor_id,
    grade: row.grade,
  };
}

export class HazardService {
  readonly store = new HazardStore();
  constructor(private readonly p: Platform) {}

  /** Any employee reports a hazard; the safety department hears of it at once. */
  async report(actor: Actor, input: ReportInput, idempotencyKey?: string) {
    requirePermission(actor, 'hazard.report');
    const result = await this.p.run(actor, (w) =>
      idempotent(w, idempotencyKey, input, async () => {
        const row = await this.reportInWork(w, input, actor.kind === 'api' ? 'api' : 'report');
        return this.present(w, actor, row);
      }),
    );
    return result;
  }

  /**
   * A report inside the caller's unit of work (also a warning rule that raises a hazard, source
   * 'warning'): checked references, the record, its audit entry, event and assessment reminder.
   */
  async reportInWork(w: Work, input: ReportInput, source: string): Promise<HazardRow> {
    const actor = w.actor;
    await this.checkReferences(w, input.areaId ?? null, input.equipmentId ?? null, input.departmentId, input.photos ?? []);
    const now = w.clock.now();
    const code = await this.store.nextCode(w.tx, actor.tenantId, now);
    const id = await this.store.insert(w.tx, {
      tenantId: actor.tenantId,
      code,
      title: input.title.trim(),
      description: (input.description ?? '').trim(),
      areaId: input.areaId ?? null,
      equipmentId: input.equipmentId ?? null,
      departmentId: input.departmentId,
      reporterId: actor.userId,
      reporterDepartmentId: actor.departmentId,
      photos: input.photos ?? [],
      location: input.location ?? null,
      source,
      reportedAt: now,
    });
    const row = (await this.store.get(w.tx, id))!;
    w.audit({ action: 'hazard.report', entityType: 'hazard', entityId: id, after: auditView(row) });
    w.emit({ type: HAZARD_CREATED, subjectType: 'hazard', subjectId: id, payload: eventPayload(row) });
    await w.schedule({
      name: ASSESSMENT_REMINDER_JOB,
      payload: { hazardId: id },
      runAt: new Date(now.getTime() + ASSESSMENT_REMINDER_DELAY_MS),
      singletonKey: `hazard-assess:${id}`,
    });
    return row;
  }

  /**
   * One page of the list as JSON text, ready to send: the items are written by PostgreSQL (the
   * same document present() makes for a list row), this adds each item's `can`. A read-only unit
   * of work: one round trip to the database. Counting stops at a cap on large tenants:
   * `totalExact: false` means "at least total".
   */
  list(actor: Actor, filter: HazardFilter, sort: HazardSort, page: number, pageSize: number): Promise<string> {
    return this.p.read(actor, async (w) => {
      const now = this.p.clock.now();
      if (filter.overdue) filter = { ...filter, overdueAt: now };
      const { items, total, totalExact } = await this.store.listPage(w.tx, filter, hazardVisibility(actor), sort, pageSize, (page - 1) * pageSize, now);
      const json = items.map((r) => `${r.json.slice(0, -1)},"can":${JSON.stringify(hazardPolicies(actor, scopeOf(r)))}}`);
      return `{"items":[${json.join(',')}],"total":${total},"totalExact":${totalExact},"page":${page},"pageSize":${pageSize}}`;
    });
  }

  /** The filtered list as an Excel ledger; every export is audited with its filter and size. */
  exportList(actor: Actor, filter: HazardFilter, sort: HazardSort) {
    return this.p.run(actor, async (w) => {
      const now = this.p.clock.now();
      if (filter.overdue) filter = { ...filter, overdueAt: now };
      const { rows, total } = await this.store.list(w.tx, filter, hazardVisibility(actor), sort, EXPORT_LIMIT, 0);
      if (total > EXPORT_LIMIT) {
        throw new ValidationError(`the selection has more than ${EXPORT_LIMIT} hazards; narrow the filter`, [
          { path: 'query', message: 'too many rows to export' },
        ]);
      }
      w.audit({ action: 'hazard.export', entityType: 'hazard', entityId: null, after: { filter, rows: rows.length }, basis: 'Excel export' });
      const { hazardWorkbook } = await import('./export.js'); // ExcelJS loads with the first export, not at start
      return hazardWorkbook(rows, now, '隐患台账');
    });
  }

  /**
   * Import a legacy ledger (.xlsx): all rows or none. `dryRun` checks without writing. Each imported
   * hazard gets a new number, keeps its old one, and is audited.
   */
  importLedger(actor: Actor, data: Buffer, dryRun: boolean) {
    requirePermission(actor, 'hazard.edit_any');
    return this.p.run(actor, async (w) => {
      const now = this.p.clock.now();
      const { readLedger } = await import('./import.js');
      const { rows, errors } = await readLedger(data, await this.store.lookups(w.tx), now);
      if (errors.length) throw new ValidationError(`the ledger has ${errors.length} error(s); nothing was imported`, errors, 'IMPORT_REJECTED');
      // a dry run lists every row as it would be imported, so the user checks them one by one first
      if (dryRun) {
        return {
          imported: 0, valid: rows.length, rows: [] as { row: number; id: string; code: string }[],
          checked: rows.map((r) => ({ row: r.row, legacyCode: r.legacyCode, title: r.title, status: r.status, grade: r.grade, reportedAt: r.reportedAt.toISOString() })),
        };
      }
      const created = [];
      for (const r of rows) {
        const code = await this.store.nextCode(w.tx, actor.tenantId, r.reportedAt);
        const id = await this.store.insertImported(w.tx, actor.tenantId, code, r);
        w.audit({ action: 'hazard.import', entityType: 'hazard', entityId: id, after: { code, legacyCode: r.legacyCode, title: r.title, status: r.status, grade: r.grade }, basis: `台账导入第 ${r.row} 行` });
        created.push({ row: r.row, id, code });
      }
      w.emit({ type: HAZARD_IMPORTED, subjectType: 'hazard', payload: { count: created.length } });
      return { imported: created.length, valid: rows.length, rows: created };
    });
  }

  majorRegister(actor: Actor) {
    return this.p.run(actor, async (w) => {
      const rows = await this.store.openMajor(w.tx, hazardVisibility(actor));
      return { items: await Promise.all(rows.map((r) => this.present(w, actor, r, false))) };
    });
  }

  get(actor: Actor, id: string) {
    return this.p.run(actor, async (w) => this.present(w, actor, await this.visible(w, actor, id)));
  }

  history(actor: Actor, id: string) {
    return this.p.run(actor, async (w) => {
      await this.visible(w, actor, id);
      const rows = await this.store.history(w.tx, id);
      return {
        items: rows.map((r) => ({
          seq: Number(r.seq),
          at: new Date(r.at).toISOString(),
          // the person's name and department; the login name as written in the log beside it
          actorName: r.actor_display_name ?? (r.actor_id ? r.actor_name : '系统'),
          actorLogin: r.actor_name,
          actorDepartment: r.actor_department ?? null,
          action: r.action,
          before: r.before,
          after: r.after,
          basis: r.basis,
        })),
      };
    });
  }

  /** Correct a report's details. Concurrent edits: the stale one gets 409, nothing is lost. */
  edit(actor: Actor, id: string, input: EditInput) {
    return this.p.run(actor, async (w) => {
      const row = await this.visible(w, actor, id);
      if (!canEditHazard(actor, scopeOf(row))) throw new ForbiddenError('you may not edit this hazard');
      if (row.version !== input.version) throw versionConflict(row.version);
      const areaId = input.areaId !== undefined ? input.areaId : row.area_id;
      const equipmentId = input.equipmentId !== undefined ? input.equipmentId : row.equipment_id;
      const departmentId = input.departmentId ?? row.department_id;
      await this.checkReferences(w, areaId, equipmentId, departmentId, []);
      const patch = {
        ...(input.title !== undefined && { title: input.title.trim() }),
        ...(input.description !== undefined && { description: input.description.trim() }),
        ...(input.areaId !== undefined && { area_id: input.areaId }),
        ...(input.equipmentId !== undefined && { equipment_id: input.equipmentId }),
        ...(input.departmentId !== undefined && { department_id: input.departmentId }),
      };
      const ok = await this.store.update(w.tx, id, input.version, patch, this.p.clock.now());
      if (!ok) throw versionConflict(row.version);
      const after = (await this.store.get(w.tx, id))!;
      w.audit({ action: 'hazard.edit', entityType: 'hazard', entityId: id, before: auditView(row), after: auditView(after) });
      w.emit({ type: HAZARD_UPDATED, subjectType: 'hazard', subjectId: id, payload: eventPayload(after) });
      return this.present(w, actor, after);
    });
  }

  async visible(w: Work, actor: Actor, id: string): Promise<HazardRow> {
    const row = await this.store.get(w.tx, id);
    // Invisible and absent look the same: no probing for other departments' records.
    if (!row || !canViewHazard(actor, scopeOf(row))) throw new NotFoundError('hazard', id);
    return row;
  }

  private async checkReferences(w: Work, areaId: string | null, equipmentId: string | null, departmentId: string, photos: string[]) {
    const refs = await this.store.references(w.tx, { areaId, equipmentId, departmentId });
    const details: ErrorDetail[] = [];
    if (areaId && !refs.area) details.push({ path: 'body.areaId', message: 'no such area' });
    if (equipmentId && !refs.equipment) details.push({ path: 'body.equipmentId', message: 'no such equipment' });
    if (equipmentId && refs.equipment && areaId && refs.equipment_area && refs.equipment_area !== areaId) {
      details.push({ path: 'body.equipmentId', message: 'the equipment is not in the chosen area' });
    }
    if (!refs.department) details.push({ path: 'body.departmentId', message: 'no such department' });
    if (photos.length) {
      const found = await this.store.photos(w.tx, photos);
      photos.forEach((id, i) => {
        const f = found.find((x) => x.id === id);
        if (!f) details.push({ path: `body.photos.${i}`, message: 'no such file' });
        else if (!f.mime.startsWith('image/')) details.push({ path: `body.photos.${i}`, message: 'not an image' });
      });
    }
    if (details.length) throw new ValidationError('some references are not valid', details);
  }

  async present(w: Work, actor: Actor, r: HazardRow, withDetails = true) {
    const photos = withDetails ? await this.store.photos(w.tx, [...r.photos, ...r.after_photos]) : [];
    const byId = new Map(photos.map((f) => [f.id, f]));
    const files = (ids: string[]) =>
      ids
        .map((id) => byId.get(id))
        .filter((f) => !!f)
        .map((f) => ({ id: f.id, mime: f.mime, size: f.size, name: f.original_name, width: f.width, height: f.height, ...fileUrls(f.id, !!f.thumb_sha256) }));
    const timeline = withDetails ? await this.store.transitions(w.tx, r.id) : [];
    const now = this.p.clock.now();
    return {
      id: r.id,
      code: r.code,
      title: r.title,
      description: r.description,
      status: r.status,
      grade: r.grade,
      source: r.source,
      area: r.area_id ? { id: r.area_id, name: r.area_name! } : null,
      equipment: r.equipment_id ? { id: r.equipment_id, code: r.equipment_code!, name: r.equipment_name! } : null,
      department: { id: r.department_id, name: r.department_name },
      reporter: r.reporter_id ? { id: r.reporter_id, displayName: r.reporter_name! } : null,
      reporterDepartment: r.reporter_department_id ? { id: r.reporter_department_id, name: r.reporter_department_name! } : null,
      responsibleDepartment: r.responsible_department_id ? { id: r.responsible_department_id, name: r.responsible_department_name! } : null,
      deadline: r.deadline ? new Date(r.deadline).toISOString() : null,
      photoCount: r.photos.length,
      photos: files(r.photos),
      assessment: r.grade
        ? {
            grade: r.grade,
            potentialDeaths: r.potential_deaths,
            directLossYuan: r.direct_loss_yuan === null ? null : Number(r.direct_loss_yuan),
            riskMethod: r.risk_method,
            riskInput: r.risk_input,
            riskScore: r.risk_score === null ? null : Number(r.risk_score),
            riskLevel: r.risk_level,
            riskColor: r.risk_color,
            standardsVersion: r.standards_version,
            basis: r.assessment_basis,
            at: r.assessed_at ? new Date(r.assessed_at).toISOString() : null,
          }
        : null,
      rectification: r.dispatched_at
        ? {
            responsibleUser: r.responsible_user_id ? { id: r.responsible_user_id, displayName: r.responsible_user_name! } : null,
            measures: r.measures,
            budgetYuan: r.budget_yuan === null ? null : Number(r.budget_yuan),
            supervisor: r.supervisor_id ? { id: r.supervisor_id, displayName: r.supervisor_name! } : null,
            dispatchedAt: new Date(r.dispatched_at).toISOString(),
            note: r.rectification_note,
            afterPhotos: files(r.after_photos),
            rectifiedAt: r.rectified_at ? new Date(r.rectified_at).toISOString() : null,
            rejectCount: r.reject_count,
          }
        : null,
      overdue: isOverdue({ status: r.status, deadline: r.deadline }, now),
      timeline: timeline.map((t) => ({
        action: t.action,
        from: t.from_status,
        to: t.to_status,
        actorName: t.actor_name,
        at: new Date(t.at).toISOString(),
        basis: t.basis,
        data: t.data,
      })),
      location: (r.location as { lat: number; lng: number; accuracy?: number } | null) ?? null,
      reportedAt: new Date(r.reported_at).toISOString(),
      assessedAt: r.assessed_at ? new Date(r.assessed_at).toISOString() : null,
      closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
      updatedAt: new Date(r.updated_at).toISOString(),
      version: r.version,
      can: hazardPolicies(actor, scopeOf(r)),
    };
  }
}

export type HazardView = Awaited<ReturnType<HazardService['get']>>;

export function versionConflict(current: number) {
  return new ConflictError('the hazard was changed by someone else; reload and try again', 'VERSION_CONFLICT', [
    { path: 'body.version', message: `current version is ${current}` },
  ]);
}

export function eventPayload(r: HazardRow): HazardEventPayload {
  return { code: r.code, ...scopeOf(r) };
}

/** What the audit log keeps of a hazard: its own fields, not joined names. */
export function auditView(r: HazardRow) {
  return {
    code: r.code,
    title: r.title,
    description: r.description,
    status: r.status,
    grade: r.grade,
    riskLevel: r.risk_level,
    responsibleDepartmentId: r.responsible_department_id,
    responsibleUserId: r.responsible_user_id,
    supervisorId: r.supervisor_id,
    deadline: r.deadline ? new Date(r.deadline).toISOString() : null,
    afterPhotos: r.after_photos,
    areaId: r.area_id,
    equipmentId: r.equipment_id,
    departmentId: r.department_id,
    photos: r.photos,
    version: r.version,
  };
}
