import { randomBytes } from 'node:crypto';
import type { Actor } from '../../platform/access.js';
import { requirePermission } from '../../platform/access.js';
import type { Platform } from '../../platform/platform.js';
import type { Tx, Work } from '../../platform/work.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { parseDefinition, type FlowDefinition, type FlowIssue, type SubjectType } from '../../../core/flows/index.js';
import { presentStepKind, stepKind, stepKinds } from './step-kinds.js';
import { BUILTIN_TEMPLATES } from './builtin.js';
import { FlowStore, type TemplateRow } from './store.js';
import { departmentNeeded, resolveDepartment, type TenantDepartment } from './departments.js';

export interface TemplateInput {
  key?: string;
  name: string;
  description?: string;
  category: string;
  subjectTypes: SubjectType[];
  keywords?: string[];
  definition: unknown;
}

type Department = TenantDepartment;

/** Process templates: versioned data, validated so that every saved template can finish. */
export class TemplateService {
  readonly store = new FlowStore();
  constructor(private readonly p: Platform) {}

  /** A tenant gets the built-in templates the first time it looks (new tenants included). */
  ensureBuiltins(w: Work): Promise<void> {
    return insertBuiltins(w.tx, w.tenantId, this.store, this.p.clock.now());
  }

  list(actor: Actor, includeInactive: boolean) {
    return this.p.run(actor, async (w) => {
      await this.ensureBuiltins(w);
      const [rows, departments] = await Promise.all([this.store.latestTemplates(w.tx, includeInactive), this.store.departments(w.tx)]);
      return { items: rows.map((r) => presentTemplate(r, departments)) };
    });
  }

  get(actor: Actor, id: string) {
    return this.p.run(actor, async (w) => {
      const row = await this.store.template(w.tx, id);
      if (!row) throw new NotFoundError('flow template', id);
      const [versions, departments] = await Promise.all([this.store.versions(w.tx, row.key), this.store.departments(w.tx)]);
      return {
        ...presentTemplate(row, departments),
        versions: versions.map((v) => ({
          id: v.id,
          version: v.version,
          createdAt: new Date(v.created_at).toISOString(),
          createdBy: v.created_by ? { id: v.created_by, displayName: v.created_by_name ?? '' } : null,
        })),
        departments: departments.map(({ id, code, name, functions }) => ({ id, code, name, functions })),
      };
    });
  }

  validate(definition: unknown, subjectTypes?: string[]) {
    const r = parseDefinition(definition, 'definition');
    if (!r.ok) return { ok: false, errors: r.errors };
    const errors = kindIssues(this.p, r.definition, subjectTypes, 'definition');
    return { ok: errors.length === 0, errors };
  }

  /** The step kinds modules registered, offered by the designer beside plain tasks. */
  stepKinds() {
    return { items: stepKinds(this.p).map(presentStepKind) };
  }

  /** Shape, graph, and the step kinds: each known, acting on a subject the template is for; its form is the kind's. */
  private checked(input: { definition: unknown; subjectTypes: string[] }): FlowDefinition {
    const definition = parsedOrThrow(input.definition);
    const errors = kindIssues(this.p, definition, input.subjectTypes, 'body.definition');
    if (errors.length) throw new ValidationError('the template cannot run as drawn', errors);
    for (const n of definition.nodes) {
      const kind = n.type === 'task' ? stepKind(this.p, n.kind) : null;
      if (n.type === 'task' && kind) n.form = structuredClone(kind.form);
    }
    return definition;
  }

  create(actor: Actor, input: TemplateInput) {
    requirePermission(actor, 'flows.design');
    const definition = this.checked(input);
    return this.p.run(actor, async (w) => {
      await this.ensureBuiltins(w);
      const key = input.key ?? `t-${randomBytes(4).toString('hex')}`;
      if ((await this.store.latestVersion(w.tx, key)) > 0) {
        throw new ConflictError(`a template with key "${key}" exists; save a new version of it instead`, 'DUPLICATE', [{ path: 'body.key', message: 'already used' }]);
      }
      return this.insertVersion(w, actor, key, 1, input, definition);
    });
  }

  /** A new version of the template `id` belongs to; running cases keep theirs. */
  newVersion(actor: Actor, id: string, baseVersion: number, input: Omit<TemplateInput, 'key'>) {
    requirePermission(actor, 'flows.design');
    const definition = this.checked(input);
    return this.p.run(actor, async (w) => {
      const base = await this.store.template(w.tx, id);
      if (!base) throw new NotFoundError('flow template', id);
      const latest = await this.store.latestVersion(w.tx, base.key);
      if (latest !== baseVersion) {
        throw new ConflictError('someone saved a newer version of this template; reload it and apply your change again', 'VERSION_CONFLICT', [
          { path: 'body.baseVersion', message: `the latest version is ${latest}` },
        ]);
      }
      return this.insertVersion(w, actor, base.key, latest + 1, input, definition, base.builtin);
    });
  }

  private async insertVersion(w: Work, actor: Actor, key: string, version: number, input: TemplateInput, definition: FlowDefinition, builtin = false) {
    const now = this.p.clock.now();
    const id = await this.store.insertTemplate(w.tx, {
      tenantId: w.tenantId, key, version, name: input.name.trim(), description: input.description?.trim() ?? '', category: input.category,
      subjectTypes: [...new Set(input.subjectTypes)], keywords: [...new Set(input.keywords ?? [])], definition, builtin, createdBy: actor.userId, createdAt: now,
    });
    if (!id) throw new ConflictError('someone saved this version at the same moment; reload and try again', 'VERSION_CONFLICT', [{ path: 'body.baseVersion', message: 'taken' }]);
    w.audit({ action: 'flow_template.save', entityType: 'flow_template', entityId: id, after: { key, version, name: input.name, definition } });
    const row = (await this.store.template(w.tx, id))!;
    return presentTemplate(row, await this.store.departments(w.tx));
  }
}

export async function insertBuiltins(tx: Tx, tenantId: string, store: FlowStore, now: Date): Promise<void> {
  const have = new Set(await store.templateKeys(tx, tenantId));
  for (const b of BUILTIN_TEMPLATES) {
    if (have.has(b.key)) continue;
    const parsed = parseDefinition(b.definition);
    if (!parsed.ok) throw new Error(`built-in template ${b.key} is invalid: ${JSON.stringify(parsed.errors)}`);
    await store.insertTemplate(tx, {
      tenantId, key: b.key, version: 1, name: b.name, description: b.description, category: b.category,
      subjectTypes: b.subjectTypes, keywords: b.keywords, definition: parsed.definition, builtin: true, createdBy: null, createdAt: now,
    });
  }
}

function kindIssues(p: Platform, d: FlowDefinition, subjectTypes: string[] | undefined, prefix: string): FlowIssue[] {
  const issues: FlowIssue[] = [];
  d.nodes.forEach((n, i) => {
    if (n.type !== 'task' || !n.kind) return;
    const kind = stepKind(p, n.kind);
    if (!kind) issues.push({ path: `${prefix}.nodes.${i}.kind`, message: `no step kind "${n.kind}"` });
    else if (subjectTypes && !subjectTypes.some((t) => kind.subjectTypes.includes(t))) {
      issues.push({ path: `${prefix}.nodes.${i}.kind`, message: `「${kind.name}」acts on ${kind.subjectTypes.join(' / ')}; the template must be for one of them` });
    }
  });
  d.participantRules.forEach((r, i) => r.tasks.forEach((t, j) => {
    if (t.kind && !stepKind(p, t.kind)) issues.push({ path: `${prefix}.participantRules.${i}.tasks.${j}.kind`, message: `no step kind "${t.kind}"` });
  }));
  return issues;
}

function parsedOrThrow(definition: unknown): FlowDefinition {
  const r = parseDefinition(definition, 'body.definition');
  if (!r.ok) throw new ValidationError('the template cannot run as drawn', r.errors);
  return r.definition;
}

export function presentTemplate(r: TemplateRow, departments: Department[]) {
  const def = r.definition as FlowDefinition;
  return {
    id: r.id,
    key: r.key,
    version: r.version,
    name: r.name,
    description: r.description,
    category: r.category,
    subjectTypes: r.subject_types,
    keywords: r.keywords,
    builtin: r.builtin,
    active: r.active,
    steps: def.nodes.flatMap((n) =>
      n.type === 'task'
        ? [(() => {
            // the department's name, never its code; when none does the work, which kind is needed
            const d = resolveDepartment(departments, n.assignee.departmentCode);
            return {
              id: n.id, name: n.name, kind: n.kind ?? null, departmentCode: n.assignee.departmentCode, departmentId: d?.id ?? null, departmentName: d?.name ?? null,
              departmentNeeded: d ? null : departmentNeeded(n.assignee.departmentCode), deadline: n.deadline, review: n.review,
            };
          })()]
        : [],
    ),
    definition: def,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.created_by ? { id: r.created_by, displayName: r.created_by_name ?? '' } : null,
  };
}
