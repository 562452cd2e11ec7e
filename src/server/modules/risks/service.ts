import {
  CONTROL_KINDS,
  checkPolygon,
  defaultManagementLevel,
  highestColor,
  markerPositions,
  scalePolygon,
  type Controls,
  type Polygon,
} from '../../../core/risks/index.js';
import { fourColour, type Color } from '../../../core/standards/index.js';
import type { Actor } from '../../platform/access.js';
import type { Platform } from '../../platform/platform.js';
import type { Work } from '../../platform/work.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type ErrorDetail } from '../../platform/errors.js';
import { idempotent } from '../../platform/idempotency.js';
import { fileUrls } from '../../platform/files/routes.js';
import { currentStandards, evaluateStandard, standardsVersion } from '../standards/index.js';
import { HazardStore } from '../hazards/store.js';
import { hazardVisibility } from '../hazards/policies.js';
import { RiskStore, type RiskPointFields, type RiskPointRow, type RiskPointSort } from './store.js';
import { canManageRisks, riskPolicies } from './policies.js';
import { RISK_MAP_CHANGED, RISK_POINT_CHANGED } from './events.js';
import type { AssessmentInput, CreateRiskPointInput, EditRiskPointInput, RiskListQuery } from './schemas.js';

/** Hazards not yet closed (销号): what the map shows as markers. */
const OPEN_HAZARD_STATUSES = ['reported', 'assessed', 'rectifying', 'verifying'];
/** More open hazards than this in one tenant is not a map any more; the list is the place for them. */
const MAP_HAZARD_LIMIT = 2000;

type Assessment = Pick<
  RiskPointFields,
  'method' | 'input' | 'score' | 'level' | 'level_label' | 'color' | 'risk_level' | 'risk_level_label' | 'standards_version'
>;

/**
 * Evaluate an assessment with the tenant's current standards: the one evaluation path
 * (src/core/standards) decides the score, band, label and colour, and names a bad factor
 * `body.assessment.l`. The result keeps the standards version it was made with.
 */
export async function assessRiskPoint(w: Work, a: AssessmentInput, pathPrefix = 'body.assessment'): Promise<Assessment> {
  const { method, ...factors } = a;
  const input = Object.fromEntries(Object.entries(factors).filter(([, v]) => v !== undefined)) as Record<string, number>;
  const r = await evaluateStandard(w, method, input, { pathPrefix });
  const { doc } = await standardsVersion(w, r.version);
  const riskLevel = r.riskLevel ?? 'low';
  return {
    method,
    input,
    score: r.score ?? 0,
    level: r.level,
    level_label: r.label,
    color: r.color,
    risk_level: riskLevel,
    risk_level_label: fourColour(doc, riskLevel)?.label ?? r.label,
    standards_version: r.version,
  };
}

function requireManage(actor: Actor) {
  if (!canManageRisks(actor)) throw new ForbiddenError('only the safety department and administrators manage risk points and the risk map');
}

function versionConflict(current: number) {
  return new ConflictError('the risk point was changed by someone else; reload and try again', 'VERSION_CONFLICT', [
    { path: 'body.version', message: `current version is ${current}` },
  ]);
}

function controlsOf(r: RiskPointRow): Controls {
  return {
    engineering: r.control_engineering,
    management: r.control_management,
    ppe: r.control_ppe,
    emergency: r.control_emergency,
  };
}

function fieldsOf(r: RiskPointRow): RiskPointFields {
  return {
    name: r.name,
    kind: r.kind,
    area_id: r.area_id,
    equipment_id: r.equipment_id,
    hazard_factors: r.hazard_factors,
    accident_types: r.accident_types,
    method: r.method,
    input: r.input,
    score: Number(r.score),
    level: r.level,
    level_label: r.level_label,
    color: r.color,
    risk_level: r.risk_level,
    risk_level_label: r.risk_level_label,
    standards_version: r.standards_version,
    assessed_by: r.assessed_by,
    assessed_at: r.assessed_at,
    control_engineering: r.control_engineering,
    control_management: r.control_management,
    control_ppe: r.control_ppe,
    control_emergency: r.control_emergency,
    management_level: r.management_level,
    department_id: r.department_id,
    responsible_user_id: r.responsible_user_id,
  };
}

/** What the audit log keeps of a risk point: its own fields, not joined names. */
function auditView(r: RiskPointRow) {
  const { assessed_at: _at, ...rest } = fieldsOf(r);
  return { code: r.code, ...rest, version: r.version };
}

export class RiskService {
  readonly store = new RiskStore();
  private readonly hazards = new HazardStore();
  constructor(private readonly p: Platform) {}

  // ---- risk points ----

  list(actor: Actor, q: RiskListQuery) {
    return this.p.run(actor, async (w) => {
      const { rows, total } = await this.store.list(
        w.tx,
        { areaId: q.areaId, departmentId: q.departmentId, colors: q.color, kind: q.kind, managementLevel: q.managementLevel, q: q.q || undefined },
        q.sort as RiskPointSort,
        q.pageSize,
        (q.page - 1) * q.pageSize,
      );
      return { items: rows.map((r) => this.present(actor, r)), total, page: q.page, pageSize: q.pageSize, can: riskPolicies(actor) };
    });
  }

  get(actor: Actor, id: string) {
    return this.p.run(actor, async (w) => this.present(actor, await this.found(w, id)));
  }

  history(actor: Actor, id: string) {
    return this.p.run(actor, async (w) => {
      await this.found(w, id);
      const rows = await this.store.history(w.tx, id);
      return {
        items: rows.map((r) => ({
          seq: Number(r.seq),
          at: new Date(r.at).toISOString(),
          actorName: r.actor_name,
          action: r.action,
          before: r.before,
          after: r.after,
          basis: r.basis,
        })),
      };
    });
  }

  /** Identify a risk point (assessed with the tenant's standards) and its controls. */
  create(actor: Actor, input: CreateRiskPointInput, idempotencyKey?: string) {
    requireManage(actor);
    return this.p.run(actor, (w) =>
      idempotent(w, idempotencyKey, input, async () => {
        const now = this.p.clock.now();
        const areaId = await this.checkReferences(w, {
          areaId: input.areaId ?? null,
          equipmentId: input.equipmentId ?? null,
          departmentId: input.departmentId,
          userId: input.responsibleUserId ?? null,
        });
        const assessment = await assessRiskPoint(w, input.assessment);
        const controls = input.controls ?? {};
        const fields: RiskPointFields = {
          name: input.name,
          kind: input.kind,
          area_id: areaId,
          equipment_id: input.equipmentId ?? null,
          hazard_factors: input.hazardFactors ?? '',
          accident_types: uniq(input.accidentTypes ?? []),
          ...assessment,
          assessed_by: actor.userId,
          assessed_at: now,
          control_engineering: controls.engineering ?? '',
          control_management: controls.management ?? '',
          control_ppe: controls.ppe ?? '',
          control_emergency: controls.emergency ?? '',
          management_level: input.managementLevel ?? defaultManagementLevel(assessment.color as Color),
          department_id: input.departmentId,
          responsible_user_id: input.responsibleUserId ?? null,
        };
        const code = await this.store.nextCode(w.tx, actor.tenantId);
        const id = await this.store.insert(w.tx, actor.tenantId, code, fields, actor.userId, now);
        const row = (await this.store.get(w.tx, id))!;
        w.audit({ action: 'risk_point.create', entityType: 'risk_point', entityId: id, after: auditView(row), basis: basisOf(row) });
        w.emit({ type: RISK_POINT_CHANGED, subjectType: 'risk_point', subjectId: id, payload: { code } });
        return this.present(actor, row);
      }),
    );
  }

  /**
   * Change a risk point (send the version you read; stale → 409). A new assessment is evaluated
   * with the current standards; without one the stored result and its version stay as they were.
   * The management level follows a new colour unless someone had set it away from the default.
   */
  edit(actor: Actor, id: string, input: EditRiskPointInput) {
    requireManage(actor);
    return this.p.run(actor, async (w) => {
      const row = await this.found(w, id);
      if (row.version !== input.version) throw versionConflict(row.version);
      const now = this.p.clock.now();
      const before = fieldsOf(row);
      const equipmentId = input.equipmentId !== undefined ? input.equipmentId : before.equipment_id;
      // a new piece of equipment without an area: its own area, not the old one
      const areaHint = input.areaId ?? (input.equipmentId !== undefined && input.equipmentId !== null ? null : before.area_id);
      const departmentId = input.departmentId ?? before.department_id;
      const responsible = input.responsibleUserId !== undefined ? input.responsibleUserId : before.responsible_user_id;
      const areaId = await this.checkReferences(w, {
        areaId: areaHint,
        equipmentId,
        departmentId,
        userId: input.responsibleUserId !== undefined ? input.responsibleUserId : null,
      });
      const fields: RiskPointFields = {
        ...before,
        ...(input.name !== undefined && { name: input.name }),
        ...(input.kind !== undefined && { kind: input.kind }),
        area_id: areaId,
        equipment_id: equipmentId,
        ...(input.hazardFactors !== undefined && { hazard_factors: input.hazardFactors }),
        ...(input.accidentTypes !== undefined && { accident_types: uniq(input.accidentTypes) }),
        department_id: departmentId,
        responsible_user_id: responsible,
      };
      if (input.controls) {
        for (const k of CONTROL_KINDS) {
          const v = input.controls[k];
          if (v !== undefined) fields[`control_${k}`] = v;
        }
      }
      if (input.assessment) {
        Object.assign(fields, await assessRiskPoint(w, input.assessment), { assessed_by: actor.userId, assessed_at: now });
      }
      if (input.managementLevel !== undefined) fields.management_level = input.managementLevel;
      else if (fields.color !== before.color && before.management_level === defaultManagementLevel(before.color as Color)) {
        fields.management_level = defaultManagementLevel(fields.color as Color);
      }
      const ok = await this.store.update(w.tx, id, input.version, fields, now);
      if (!ok) throw versionConflict(row.version);
      const after = (await this.store.get(w.tx, id))!;
      w.audit({
        action: 'risk_point.edit',
        entityType: 'risk_point',
        entityId: id,
        before: auditView(row),
        after: auditView(after),
        basis: input.assessment ? basisOf(after) : null,
      });
      w.emit({ type: RISK_POINT_CHANGED, subjectType: 'risk_point', subjectId: id, payload: { code: after.code } });
      return this.present(actor, after);
    });
  }

  /** The risk point's code, or 404 (for the QR code of its notice card). */
  codeOf(actor: Actor, id: string) {
    return this.p.run(actor, async (w) => (await this.found(w, id)).code);
  }

  private async found(w: Work, id: string): Promise<RiskPointRow> {
    const row = await this.store.get(w.tx, id);
    if (!row) throw new NotFoundError('risk point', id);
    return row;
  }

  /** Checks the references and returns the area: the given one, else the equipment's. */
  private async checkReferences(w: Work, r: { areaId: string | null; equipmentId: string | null; departmentId: string; userId: string | null }): Promise<string> {
    const refs = await this.store.references(w.tx, r);
    const details: ErrorDetail[] = [];
    if (r.areaId && !refs.area) details.push({ path: 'body.areaId', message: 'no such area' });
    if (r.equipmentId && !refs.equipment) details.push({ path: 'body.equipmentId', message: 'no such equipment' });
    if (r.equipmentId && refs.equipment && r.areaId && refs.area && refs.equipment_area && refs.equipment_area !== r.areaId) {
      details.push({ path: 'body.equipmentId', message: 'the equipment is not in the chosen area' });
    }
    if (!r.areaId && !(r.equipmentId && refs.equipment_area)) {
      details.push({ path: 'body.areaId', message: 'required: every risk point lies in an area (or give equipment that has one)' });
    }
    if (!refs.department) details.push({ path: 'body.departmentId', message: 'no such department' });
    if (r.userId && refs.user_active !== true) details.push({ path: 'body.responsibleUserId', message: 'no such active user' });
    if (details.length) throw new ValidationError('some fields are not valid', details);
    return r.areaId ?? refs.equipment_area!;
  }

  present(actor: Actor, r: RiskPointRow) {
    return {
      id: r.id,
      code: r.code,
      name: r.name,
      kind: r.kind,
      area: { id: r.area_id, code: r.area_code, name: r.area_name },
      equipment: r.equipment_id ? { id: r.equipment_id, code: r.equipment_code!, name: r.equipment_name! } : null,
      hazardFactors: r.hazard_factors,
      accidentTypes: r.accident_types,
      assessment: {
        method: r.method as 'lec' | 'ls',
        input: r.input,
        score: Number(r.score),
        level: r.level,
        label: r.level_label,
        color: r.color as Color,
        riskLevel: r.risk_level,
        riskLevelLabel: r.risk_level_label,
        standardsVersion: r.standards_version,
        assessedBy: r.assessed_by ? { id: r.assessed_by, displayName: r.assessed_by_name ?? '' } : null,
        assessedAt: new Date(r.assessed_at).toISOString(),
      },
      controls: controlsOf(r),
      managementLevel: r.management_level,
      department: { id: r.department_id, name: r.department_name },
      responsibleUser: r.responsible_user_id
        ? { id: r.responsible_user_id, displayName: r.responsible_user_name ?? '', position: r.responsible_user_position ?? null }
        : null,
      createdAt: new Date(r.created_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
      version: r.version,
      can: { edit: canManageRisks(actor) },
    };
  }

  // ---- site plan, area outlines, the map ----

  sitePlan(actor: Actor) {
    return this.p.run(actor, async (w) => ({ sitePlan: await this.presentPlan(w), can: riskPolicies(actor) }));
  }

  /**
   * Use an uploaded image as the tenant's site plan. Outlines drawn on a plan of another size are
   * scaled to the new one (a sharper scan of the same drawing keeps its areas).
   */
  setSitePlan(actor: Actor, fileId: string) {
    requireManage(actor);
    return this.p.run(actor, async (w) => {
      const file = await this.store.file(w.tx, fileId);
      if (!file) throw new ValidationError('no such file', [{ path: 'body.fileId', message: 'no such file' }]);
      if (!file.mime.startsWith('image/') || !file.width || !file.height) {
        throw new ValidationError('the site plan must be an image', [{ path: 'body.fileId', message: `not an image (${file.mime})` }]);
      }
      const before = await this.store.sitePlan(w.tx);
      let rescaled = 0;
      if (before && (before.width !== file.width || before.height !== file.height)) {
        const sx = file.width / before.width;
        const sy = file.height / before.height;
        for (const a of await this.store.polygons(w.tx)) {
          await this.store.setPolygon(w.tx, a.id, scalePolygon(a.polygon as Polygon, sx, sy));
          rescaled++;
        }
      }
      await this.store.saveSitePlan(w.tx, { tenantId: actor.tenantId, fileId, width: file.width, height: file.height, updatedBy: actor.userId, now: this.p.clock.now() });
      w.audit({
        action: 'site_plan.update',
        entityType: 'site_plan',
        entityId: fileId,
        before: before ? { fileId: before.file_id, width: before.width, height: before.height } : null,
        after: { fileId, width: file.width, height: file.height, rescaledAreas: rescaled },
      });
      w.emit({ type: RISK_MAP_CHANGED, subjectType: 'site_plan', subjectId: fileId });
      return { sitePlan: await this.presentPlan(w), rescaledAreas: rescaled, can: riskPolicies(actor) };
    });
  }

  /** Draw (or with null remove) an area's outline on the site plan, in image pixels. */
  setPolygon(actor: Actor, areaId: string, points: Polygon | null) {
    requireManage(actor);
    return this.p.run(actor, async (w) => {
      const area = await this.store.area(w.tx, areaId);
      if (!area) throw new NotFoundError('area', areaId);
      if (points) {
        const plan = await this.store.sitePlan(w.tx);
        const issues = checkPolygon(points, plan ? { width: plan.width, height: plan.height } : null);
        if (issues.length) {
          throw new ValidationError('the outline is not usable', issues.map((i) => ({ path: i.path ? `body.points.${i.path}` : 'body.points', message: i.message })));
        }
      }
      const polygon = points ? points.map(([x, y]) => [round1(x), round1(y)] as [number, number]) : null;
      await this.store.setPolygon(w.tx, areaId, polygon);
      w.audit({ action: 'area.polygon', entityType: 'area', entityId: areaId, before: { polygon: area.polygon }, after: { polygon } });
      w.emit({ type: RISK_MAP_CHANGED, subjectType: 'area', subjectId: areaId });
      return { id: area.id, code: area.code, name: area.name, polygon };
    });
  }

  /**
   * The four-colour risk map: each area in the highest colour of its risk points (grey — null —
   * when it has none) and the open hazards the caller may see, placed inside their area.
   */
  riskMap(actor: Actor) {
    return this.p.run(actor, async (w) => {
      const { doc, version } = await currentStandards(w);
      // one transaction, one connection: one query after the other
      const plan = await this.presentPlan(w);
      const areas = await this.store.mapAreas(w.tx);
      const hazards = await this.hazards.list(w.tx, { status: OPEN_HAZARD_STATUSES }, hazardVisibility(actor), 'code', MAP_HAZARD_LIMIT, 0);
      const byArea = new Map<string, typeof hazards.rows>();
      let withoutArea = 0;
      for (const h of hazards.rows) {
        if (!h.area_id) {
          withoutArea++;
          continue;
        }
        byArea.set(h.area_id, [...(byArea.get(h.area_id) ?? []), h]);
      }
      return {
        sitePlan: plan ? { url: plan.url, width: plan.width, height: plan.height } : null,
        legend: doc.fourColours.levels.map((l) => ({ color: l.color, level: l.level, label: l.label })),
        standardsVersion: version,
        areas: areas.map((a) => {
          const open = byArea.get(a.id) ?? [];
          const polygon = (a.polygon as Polygon | null) ?? null;
          const positions = polygon ? markerPositions(polygon, open.length, a.id) : [];
          const counts = { red: a.red, orange: a.orange, yellow: a.yellow, blue: a.blue };
          const color = highestColor((Object.keys(counts) as Color[]).filter((c) => counts[c] > 0));
          return {
            id: a.id,
            code: a.code,
            name: a.name,
            kind: a.kind,
            polygon,
            color,
            colorLabel: color ? (doc.fourColours.levels.find((l) => l.color === color)?.label ?? null) : null,
            riskPoints: a.risk_points,
            counts,
            openHazards: open.map((h, i) => ({
              id: h.id,
              code: h.code,
              title: h.title,
              grade: h.grade,
              status: h.status,
              position: positions[i] ?? null,
            })),
          };
        }),
        hazardsWithoutArea: withoutArea,
        hazardsTruncated: hazards.total > MAP_HAZARD_LIMIT,
        can: riskPolicies(actor),
      };
    });
  }

  private async presentPlan(w: Work) {
    const plan = await this.store.sitePlan(w.tx);
    if (!plan) return null;
    return {
      fileId: plan.file_id,
      url: fileUrls(plan.file_id, false).url,
      width: plan.width,
      height: plan.height,
      name: plan.original_name,
      updatedAt: new Date(plan.updated_at).toISOString(),
      updatedBy: plan.updated_by ? { id: plan.updated_by, displayName: plan.updated_by_name ?? '' } : null,
    };
  }
}

export type RiskPointView = ReturnType<RiskService['present']>;

function basisOf(r: RiskPointRow): string {
  const name = r.method === 'lec' ? 'LEC D' : 'LS R';
  return `统一标准 v${r.standards_version}: ${name}=${Number(r.score)} ${r.level_label}（${r.risk_level_label}）`;
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
