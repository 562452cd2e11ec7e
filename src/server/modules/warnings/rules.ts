import { requirePermission, type Actor } from '../../platform/access.js';
import type { Platform } from '../../platform/platform.js';
import type { Work } from '../../platform/work.js';
import { ConflictError, NotFoundError, ValidationError, type ErrorDetail } from '../../platform/errors.js';
import { TEMPLATE_FIELDS, unknownPlaceholders } from '../../../core/warnings/index.js';
import type { RuleRow, RuleValues, WarningStore } from './store.js';


export interface RuleInput {
  name: string;
  enabled?: boolean;
  when: { sourceKinds?: string[]; eventTypes?: string[]; minColor: string; areaIds?: string[] };
  instruct: { departmentId: string; instruction: string }[];
  responseHours: number;
  escalateAfterHours: number;
  raiseHazard?: boolean;
  flowTemplateKey?: string | null;
}

/** Linkage rules (warnings.manage): checked against the organisation before they are saved. */
export class RuleService {
  constructor(
    private readonly p: Platform,
    private readonly store: WarningStore,
  ) {}

  list(actor: Actor) {
    requirePermission(actor, 'warnings.manage');
    return this.p.run(actor, async (w) => {
      const [rows, departments] = await Promise.all([this.store.rules(w.tx), this.store.departments(w.tx)]);
      return { items: rows.map((r) => presentRule(r, departments)) };
    });
  }

  get(actor: Actor, id: string) {
    requirePermission(actor, 'warnings.manage');
    return this.p.run(actor, async (w) => presentRule(await this.rule(w, id), await this.store.departments(w.tx)));
  }

  create(actor: Actor, input: RuleInput) {
    requirePermission(actor, 'warnings.manage');
    return this.p.run(actor, async (w) => {
      const values = await this.check(w, input);
      const id = await this.store.insertRule(w.tx, w.tenantId, values, w.clock.now());
      w.audit({ action: 'warning_rule.create', entityType: 'warning_rule', entityId: id, after: values });
      return presentRule((await this.store.rule(w.tx, id))!, await this.store.departments(w.tx));
    });
  }

  update(actor: Actor, id: string, version: number, input: RuleInput) {
    requirePermission(actor, 'warnings.manage');
    return this.p.run(actor, async (w) => {
      const before = await this.rule(w, id, true);
      if (before.version !== version) throw versionConflict(before.version);
      const values = await this.check(w, input);
      await this.store.updateRule(w.tx, id, version, values, w.clock.now());
      w.audit({ action: 'warning_rule.update', entityType: 'warning_rule', entityId: id, before: valuesOf(before), after: values });
      return presentRule((await this.store.rule(w.tx, id))!, await this.store.departments(w.tx));
    });
  }

  /** Answers already given stay; only future warnings are linked without the rule. */
  remove(actor: Actor, id: string, version?: number) {
    requirePermission(actor, 'warnings.manage');
    return this.p.run(actor, async (w) => {
      const before = await this.rule(w, id, true);
      if (version !== undefined && before.version !== version) throw versionConflict(before.version);
      await this.store.deleteRule(w.tx, id);
      w.audit({ action: 'warning_rule.delete', entityType: 'warning_rule', entityId: id, before: valuesOf(before) });
    });
  }

  private async rule(w: Work, id: string, lock = false) {
    const r = await this.store.rule(w.tx, id, lock);
    if (!r) throw new NotFoundError('warning rule', id);
    return r;
  }

  /** Departments and areas must exist, templates use known placeholders, the flow template must exist. */
  private async check(w: Work, input: RuleInput): Promise<RuleValues> {
    const details: ErrorDetail[] = [];
    const [departments, areas, templates] = await Promise.all([
      this.store.departments(w.tx),
      this.store.areas(w.tx, input.when.areaIds ?? []),
      input.flowTemplateKey ? this.store.flowTemplateKeys(w.tx) : Promise.resolve([]),
    ]);
    const seen = new Set<string>();
    input.instruct.forEach((x, i) => {
      if (!departments.some((d) => d.id === x.departmentId)) details.push({ path: `body.instruct.${i}.departmentId`, message: 'no such department' });
      else if (seen.has(x.departmentId)) details.push({ path: `body.instruct.${i}.departmentId`, message: 'named twice in this rule' });
      seen.add(x.departmentId);
      for (const name of unknownPlaceholders(x.instruction)) {
        details.push({ path: `body.instruct.${i}.instruction`, message: `unknown placeholder {{${name}}}; use ${TEMPLATE_FIELDS.map((f) => `{{${f}}}`).join(' ')}` });
      }
    });
    (input.when.areaIds ?? []).forEach((id, i) => !areas.some((a) => a.id === id) && details.push({ path: `body.when.areaIds.${i}`, message: 'no such area' }));
    if (input.flowTemplateKey) {
      const t = templates.find((x) => x.key === input.flowTemplateKey);
      if (!t) details.push({ path: 'body.flowTemplateKey', message: 'no such active process template' });
      else if (!t.subject_types.includes('warning') && !t.subject_types.includes('none')) details.push({ path: 'body.flowTemplateKey', message: 'this template cannot be launched for a warning' });
    }
    if (details.length) throw new ValidationError('the rule is not valid', details);
    return {
      name: input.name.trim(),
      enabled: input.enabled ?? true,
      sourceKinds: [...new Set(input.when.sourceKinds ?? [])],
      eventTypes: [...new Set(input.when.eventTypes ?? [])],
      minColor: input.when.minColor,
      areaIds: [...new Set(input.when.areaIds ?? [])],
      instruct: input.instruct.map((x) => ({ departmentId: x.departmentId, instruction: x.instruction.trim() })),
      responseHours: input.responseHours,
      escalateAfterHours: input.escalateAfterHours,
      raiseHazard: input.raiseHazard ?? false,
      flowTemplateKey: input.flowTemplateKey ?? null,
    };
  }
}

function versionConflict(current: number) {
  return new ConflictError('the rule was changed by someone else; reload and try again', 'VERSION_CONFLICT', [{ path: 'body.version', message: `current version is ${current}` }]);
}

function valuesOf(r: RuleRow): RuleValues {
  return {
    name: r.name, enabled: r.enabled, sourceKinds: r.source_kinds, eventTypes: r.event_types, minColor: r.min_color, areaIds: r.area_ids,
    instruct: r.instruct as RuleValues['instruct'], responseHours: Number(r.response_hours), escalateAfterHours: Number(r.escalate_after_hours),
    raiseHazard: r.raise_hazard, flowTemplateKey: r.flow_template_key,
  };
}

export function presentRule(r: RuleRow, departments: { id: string; name: string }[]) {
  const v = valuesOf(r);
  return {
    id: r.id,
    name: v.name,
    enabled: v.enabled,
    when: { sourceKinds: v.sourceKinds, eventTypes: v.eventTypes, minColor: v.minColor, areaIds: v.areaIds },
    instruct: v.instruct.map((x) => ({ ...x, departmentName: departments.find((d) => d.id === x.departmentId)?.name ?? null })),
    responseHours: v.responseHours,
    escalateAfterHours: v.escalateAfterHours,
    raiseHazard: v.raiseHazard,
    flowTemplateKey: v.flowTemplateKey,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}
