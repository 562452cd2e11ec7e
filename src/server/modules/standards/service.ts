import {
  applyMapping,
  checkMapping,
  completeStandards,
  DEFAULT_STANDARDS,
  tryEvaluate,
  validateStandards,
  type EvaluationKind,
  type EvaluationOutputs,
  type FieldIssue,
  type IntakeDefinition,
  type StandardsDocument,
} from '../../../core/standards/index.js';
import type { Actor } from '../../platform/access.js';
import type { Platform } from '../../platform/platform.js';
import type { Work } from '../../platform/work.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type ErrorDetail } from '../../platform/errors.js';
import { StandardsStore, isUniqueViolation, type MappingRow, type VersionRow } from './store.js';
import { canManageStandards, standardsPolicies } from './policies.js';
import { MAPPING_CHANGED, STANDARDS_UPDATED } from './events.js';
import type { CreateMappingInput, EditMappingInput, SaveStandardsInput } from './schemas.js';

const store = new StandardsStore();

/** Basis written to the audit log when a tenant's first version is made from the national defaults. */
const DEFAULTS_BASIS = '国家标准默认值（src/core/standards/defaults.ts）';

export interface CurrentStandards {
  version: number;
  doc: StandardsDocument;
}

/**
 * The tenant's current standards, for use inside any module's unit of work (hazards store the
 * version they were graded with). A tenant without a stored version gets version 1 from the
 * national defaults, written on first use.
 */
export async function currentStandards(work: Work): Promise<CurrentStandards> {
  const row = await ensureCurrent(work);
  return { version: row.version, doc: row.document };
}

/** A given version's document (what an older record was graded with); NotFoundError if there is none. */
export async function standardsVersion(work: Work, version: number): Promise<CurrentStandards> {
  const current = await ensureCurrent(work);
  if (version === current.version) return { version, doc: current.document };
  const row = await store.version(work.tx, version);
  if (!row) throw new NotFoundError('standards version', String(version));
  return { version, doc: row.document };
}

/** What evaluateStandard answers for a kind: the rule's result and the standards version it used. */
export type StandardAnswer<K extends EvaluationKind> = EvaluationOutputs[K] & { version: number };

/**
 * Evaluate with the tenant's standards (the current version unless one is given). Bad input is a
 * ValidationError naming the field under `pathPrefix` ("body.input.l"). Every kind of
 * POST /standards/evaluate is available to other modules here, inside their own unit of work.
 */
export async function evaluateStandard<K extends EvaluationKind>(
  work: Work,
  kind: K,
  input: unknown,
  options: { version?: number; pathPrefix?: string } = {},
): Promise<StandardAnswer<K>> {
  const { version, doc } = options.version === undefined ? await currentStandards(work) : await standardsVersion(work, options.version);
  const r = tryEvaluate(kind, input, doc);
  if (!r.ok) throw new ValidationError('the input does not fit the standard', prefixed(r.issues, options.pathPrefix ?? 'body.input'));
  return { ...r.value, version };
}

async function ensureCurrent(work: Work): Promise<VersionRow> {
  const row = await store.version(work.tx);
  if (row) return row;
  const created = await store.insertVersion(
    work.tx,
    { tenantId: work.tenantId, version: 1, document: DEFAULT_STANDARDS, note: '国家标准默认值', createdBy: null },
    true, // two first uses at once: one inserts, the other finds it
  );
  if (created) {
    work.audit({ action: 'standards.initialize', entityType: 'standards', entityId: '1', after: { version: 1 }, basis: DEFAULTS_BASIS });
  }
  return (await store.version(work.tx))!;
}

function prefixed(issues: FieldIssue[], prefix: string): ErrorDetail[] {
  return issues.map((i) => ({ path: [prefix, i.path].filter(Boolean).join('.'), message: i.message, ...(i.code && { code: i.code }) }));
}

function versionConflict(current: number, what = 'the standards') {
  return new ConflictError(`${what} were changed by someone else; reload and try again`, 'VERSION_CONFLICT', [
    { path: 'body.version', message: `current version is ${current}` },
  ]);
}

function requireManage(actor: Actor) {
  if (!canManageStandards(actor)) throw new ForbiddenError('only the safety department and administrators change the standards');
}

/** Which top-level sections differ between two documents (kept in the audit log, not the whole text). */
function changedSections(before: StandardsDocument, after: StandardsDocument) {
  const keys = Object.keys(after) as (keyof StandardsDocument)[];
  const changed = keys.filter((k) => canonical(before[k]) !== canonical(after[k]));
  return {
    before: Object.fromEntries(changed.map((k) => [k, before[k]])),
    after: Object.fromEntries(changed.map((k) => [k, after[k]])),
  };
}

/** JSON with object keys sorted: jsonb does not keep key order, so plain JSON text would differ. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}

export class StandardsService {
  readonly store = store;
  constructor(private readonly p: Platform) {}

  get(actor: Actor, version?: number) {
    return this.p.run(actor, async (w) => {
      const current = await ensureCurrent(w);
      const row = version === undefined || version === current.version ? current : await store.version(w.tx, version);
      if (!row) throw new NotFoundError('standards version', String(version));
      return this.present(actor, row, current.version);
    });
  }

  versions(actor: Actor) {
    return this.p.run(actor, async (w) => {
      const current = await ensureCurrent(w);
      const rows = await store.versions(w.tx);
      return {
        current: current.version,
        items: rows.map((r) => ({
          version: r.version,
          note: r.note,
          createdAt: new Date(r.created_at).toISOString(),
          createdBy: r.created_by ? { id: r.created_by, displayName: r.created_by_name ?? '' } : null,
          current: r.version === current.version,
        })),
      };
    });
  }

  /**
   * Save an edited document as the next version. Stale base version → 409; invalid document → 422.
   * Sections the document leaves out (a client that predates them) take the national defaults.
   */
  save(actor: Actor, input: SaveStandardsInput) {
    requireManage(actor);
    const document = completeStandards(input.document as Partial<StandardsDocument>).doc;
    const issues = validateStandards(document);
    if (issues.length) throw new ValidationError('the standards document is not valid', prefixed(issues, 'body.document'));
    return this.p.run(actor, async (w) => {
      const current = await ensureCurrent(w);
      if (current.version !== input.version) throw versionConflict(current.version);
      const next = current.version + 1;
      try {
        await store.insertVersion(w.tx, { tenantId: actor.tenantId, version: next, document, note: input.note ?? '', createdBy: actor.userId });
      } catch (err) {
        // someone saved the same next version a moment ago (PostgreSQL, concurrent transactions)
        if (isUniqueViolation(err)) throw versionConflict(next);
        throw err;
      }
      const diff = changedSections(current.document, document);
      w.audit({
        action: 'standards.update',
        entityType: 'standards',
        entityId: String(next),
        before: { version: current.version, ...diff.before },
        after: { version: next, ...diff.after },
        basis: input.note || null,
      });
      w.emit({ type: STANDARDS_UPDATED, subjectType: 'standards', subjectId: String(next), payload: { version: next } });
      const row = (await store.version(w.tx, next))!;
      // what the new version breaks, so the editor hears of it at once
      const broken = (await store.mappings(w.tx, { enabled: true }))
        .map((m) => ({ m, issues: checkMapping(definitionOf(m), document) }))
        .filter((x) => x.issues.length)
        .map(({ m, issues }) => ({ id: m.id, name: m.name, department: { id: m.department_id, name: m.department_name }, issues }));
      return { ...this.present(actor, row, next), compatibility: { broken } };
    });
  }

  evaluate(actor: Actor, body: { kind: EvaluationKind; input: Record<string, unknown>; version?: number }) {
    return this.p.run(actor, (w) => evaluateStandard(w, body.kind, body.input, { version: body.version, pathPrefix: 'body.input' }));
  }

  // ---- department mappings ----

  mappings(actor: Actor, departmentId?: string) {
    return this.p.run(actor, async (w) => {
      const { version, doc } = await currentStandards(w);
      const rows = await store.mappings(w.tx, { departmentId });
      return { standardsVersion: version, items: rows.map((r) => this.presentMapping(actor, r, doc)) };
    });
  }

  mapping(actor: Actor, id: string) {
    return this.p.run(actor, async (w) => {
      const { doc } = await currentStandards(w);
      return this.presentMapping(actor, await this.found(w, id), doc);
    });
  }

  createMapping(actor: Actor, input: CreateMappingInput) {
    requireManage(actor);
    return this.p.run(actor, async (w) => {
      if (!(await store.departmentExists(w.tx, input.departmentId))) {
        throw new ValidationError('no such department', [{ path: 'body.departmentId', message: 'no such department' }]);
      }
      const { version, doc } = await currentStandards(w);
      const def: IntakeDefinition = { form: input.form, mapping: input.mapping };
      const issues = checkMapping(def, doc);
      if (issues.length) throw new ValidationError('the mapping cannot produce a valid unified record', prefixed(issues, 'body'));
      let id: string;
      try {
        id = await store.insertMapping(w.tx, {
          tenantId: actor.tenantId,
          departmentId: input.departmentId,
          name: input.name,
          description: input.description ?? '',
          form: def.form,
          mapping: def.mapping,
          enabled: input.enabled ?? true,
          standardsVersion: version,
          createdBy: actor.userId,
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw duplicateName();
        throw err;
      }
      const row = (await store.mapping(w.tx, id))!;
      w.audit({ action: 'standards.mapping.create', entityType: 'intake_mapping', entityId: id, after: auditView(row), basis: `标准版本 ${version}` });
      w.emit({ type: MAPPING_CHANGED, subjectType: 'intake_mapping', subjectId: id });
      return this.presentMapping(actor, row, doc);
    });
  }

  /**
   * Change a mapping (send the version you read). A mapping that cannot produce a valid unified
   * record under the current standards is refused — unless the change only switches it off.
   */
  editMapping(actor: Actor, id: string, input: EditMappingInput) {
    requireManage(actor);
    return this.p.run(actor, async (w) => {
      const row = await this.found(w, id);
      if (row.version !== input.version) throw versionConflict(row.version, 'the mapping');
      if (input.departmentId && !(await store.departmentExists(w.tx, input.departmentId))) {
        throw new ValidationError('no such department', [{ path: 'body.departmentId', message: 'no such department' }]);
      }
      const { version, doc } = await currentStandards(w);
      const def: IntakeDefinition = { form: input.form ?? row.form, mapping: input.mapping ?? row.mapping };
      const issues = checkMapping(def, doc);
      const enabled = input.enabled ?? row.enabled;
      const definitionChanged = input.form !== undefined || input.mapping !== undefined;
      if (issues.length && (enabled || definitionChanged)) {
        throw new ValidationError('the mapping cannot produce a valid unified record', prefixed(issues, 'body'));
      }
      try {
        const ok = await store.updateMapping(
          w.tx,
          id,
          input.version,
          {
            ...(input.departmentId !== undefined && { department_id: input.departmentId }),
            ...(input.name !== undefined && { name: input.name }),
            ...(input.description !== undefined && { description: input.description }),
            ...(input.form !== undefined && { form: input.form }),
            ...(input.mapping !== undefined && { mapping: input.mapping }),
            enabled,
            ...(!issues.length && { standards_version: version }),
          },
          this.p.clock.now(),
        );
        if (!ok) throw versionConflict(row.version, 'the mapping');
      } catch (err) {
        if (isUniqueViolation(err)) throw duplicateName();
        throw err;
      }
      const after = (await store.mapping(w.tx, id))!;
      w.audit({ action: 'standards.mapping.edit', entityType: 'intake_mapping', entityId: id, before: auditView(row), after: auditView(after), basis: `标准版本 ${version}` });
      w.emit({ type: MAPPING_CHANGED, subjectType: 'intake_mapping', subjectId: id });
      return this.presentMapping(actor, after, doc);
    });
  }

  /** What one filled-in form would become under the current standards (nothing is stored). */
  preview(actor: Actor, id: string, values: Record<string, unknown>) {
    return this.p.run(actor, async (w) => {
      const row = await this.found(w, id);
      const { version, doc } = await currentStandards(w);
      const r = applyMapping(definitionOf(row), values, doc);
      if (r.ok) return { standardsVersion: version, fields: r.fields };
      if (r.issues.some((i) => i.path.startsWith('mapping') || i.path.startsWith('form'))) {
        throw new ConflictError('the mapping no longer fits the current standards; fix it first', 'INVALID_STATE', r.issues);
      }
      throw new ValidationError('the form values are not valid', prefixed(r.issues, 'body.values'));
    });
  }

  /** The compatibility scan: every enabled mapping against the current standards version. */
  compatibility(actor: Actor) {
    requireManage(actor);
    return this.p.run(actor, async (w) => {
      const { version, doc } = await currentStandards(w);
      const rows = await store.mappings(w.tx, { enabled: true });
      const items = rows.map((r) => {
        const issues = checkMapping(definitionOf(r), doc);
        return {
          mappingId: r.id,
          name: r.name,
          department: { id: r.department_id, name: r.department_name },
          standardsVersion: r.standards_version,
          compatible: issues.length === 0,
          issues,
        };
      });
      return { standardsVersion: version, checkedAt: this.p.clock.now().toISOString(), broken: items.filter((i) => !i.compatible).length, items };
    });
  }

  private async found(w: Work, id: string): Promise<MappingRow> {
    const row = await store.mapping(w.tx, id);
    if (!row) throw new NotFoundError('mapping', id);
    return row;
  }

  private present(actor: Actor, r: VersionRow, current: number) {
    return {
      version: r.version,
      current: r.version === current,
      currentVersion: current,
      document: r.document,
      /** Sections this version was stored without: they follow the national defaults. */
      defaultedSections: r.defaulted,
      note: r.note,
      createdAt: new Date(r.created_at).toISOString(),
      createdBy: r.created_by ? { id: r.created_by, displayName: r.created_by_name ?? '' } : null,
      can: standardsPolicies(actor),
    };
  }

  private presentMapping(actor: Actor, r: MappingRow, doc: StandardsDocument) {
    const issues = checkMapping(definitionOf(r), doc);
    return {
      id: r.id,
      department: { id: r.department_id, name: r.department_name },
      name: r.name,
      description: r.description,
      form: r.form,
      mapping: r.mapping,
      enabled: r.enabled,
      standardsVersion: r.standards_version,
      compatible: issues.length === 0,
      issues,
      createdAt: new Date(r.created_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
      version: r.version,
      can: standardsPolicies(actor),
    };
  }
}

function definitionOf(r: MappingRow): IntakeDefinition {
  return { form: r.form, mapping: r.mapping };
}

function duplicateName() {
  return new ConflictError('this department already has a mapping with that name', 'CONFLICT', [{ path: 'body.name', message: 'name taken' }]);
}

function auditView(r: MappingRow) {
  return {
    departmentId: r.department_id,
    name: r.name,
    description: r.description,
    form: r.form,
    mapping: r.mapping,
    enabled: r.enabled,
    standardsVersion: r.standards_version,
    version: r.version,
  };
}
