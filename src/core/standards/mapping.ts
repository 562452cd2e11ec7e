/**
 * Department mappings: a department's own intake form (设备部's fault report with its own
 * 严重程度, 后勤部's fire-equipment patrol …) declares how its fields become the unified hazard
 * fields — title, description, area, equipment, grade (一般/重大隐患) and four-colour risk level.
 *
 * checkMapping() says whether a declaration can still produce a valid unified record under a
 * standards document (the compatibility scan runs it for every enabled mapping after each new
 * standards version); applyMapping() turns one filled-in form into the unified fields, through
 * the same evaluate() the rest of the system uses.
 */
import { tryEvaluate, fourColour } from './evaluate.js';
import type { Color, FieldIssue, HazardGrade, RiskLevel, StandardsDocument } from './types.js';

export const FORM_FIELD_TYPES = ['text', 'textarea', 'select', 'number', 'area', 'equipment'] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

export interface FormField {
  /** Identifier of the field inside the form (letters, digits, _). */
  key: string;
  /** What the department calls it: 严重程度, 检查结果 … */
  label: string;
  type: FormFieldType;
  /** For select fields: the department's own values (停机 / 带病运行 / 轻微). */
  options?: string[];
  required?: boolean;
}

export interface IntakeForm {
  fields: FormField[];
}

/** A number taken from a number field, from a select through a value table, or fixed. */
export type FactorSource = { field: string; values?: Record<string, number> } | { value: number };

export type GradeRule =
  /** a select field's options, each mapped to a grade */
  | { from: 'map'; field: string; values: Record<string, HazardGrade> }
  /** the 重大隐患 rule of the standards, fed from the form's figures */
  | { from: 'rule'; potentialDeaths: FactorSource; directLossYuan: FactorSource }
  | { from: 'constant'; value: HazardGrade };

export type RiskRule =
  /** a select field's options, each mapped to a level of the tenant's risk scale (the LS bands) */
  | { from: 'map'; field: string; values: Record<string, RiskLevel> }
  | { from: 'ls'; l: FactorSource; s: FactorSource }
  | { from: 'lec'; l: FactorSource; e: FactorSource; c: FactorSource };

export interface IntakeMapping {
  title: { field: string };
  description?: { field: string };
  area?: { field: string };
  equipment?: { field: string };
  grade?: GradeRule;
  riskLevel?: RiskRule;
}

/** A department's intake form together with its mapping onto the unified fields. */
export interface IntakeDefinition {
  form: IntakeForm;
  mapping: IntakeMapping;
}

/** The unified hazard fields one filled-in form produces. */
export interface UnifiedHazardFields {
  title: string;
  description: string;
  areaId: string | null;
  equipmentId: string | null;
  grade: { level: HazardGrade; label: string; color: Color } | null;
  risk: {
    level: RiskLevel;
    label: string;
    color: Color;
    method: 'map' | 'ls' | 'lec';
    /** R or D */
    score?: number;
    /** LEC's own level and term (极其危险 …) */
    methodLevel?: string;
    methodLabel?: string;
  } | null;
}

/** Codes of compatibility problems (the admin page words them). */
export const MAPPING_ISSUES = {
  invalidForm: 'invalid_form',
  missingField: 'missing_field',
  wrongType: 'wrong_type',
  notRequired: 'not_required',
  unmappedOption: 'unmapped_option',
  unknownOption: 'unknown_option',
  unknownLevel: 'unknown_level',
  unknownValue: 'unknown_value',
  nothingGraded: 'nothing_graded',
} as const;

const KEY = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const TEXTUAL: FormFieldType[] = ['text', 'textarea', 'select'];

/**
 * Everything that stops the declaration from producing a valid unified record under `doc`:
 * form problems, references to missing fields, options without a mapping, and targets (grades,
 * risk levels, factor values) the standards document no longer has. Paths start with "form." or
 * "mapping.". Empty = compatible.
 */
export function checkMapping(def: IntakeDefinition, doc: StandardsDocument): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (path: string, code: string, message: string) => issues.push({ path, code, message });
  const fields = def.form.fields;

  if (!fields.length) add('form.fields', MAPPING_ISSUES.invalidForm, 'the form has no fields');
  fields.forEach((f, i) => {
    const p = `form.fields.${i}`;
    if (!KEY.test(f.key)) add(`${p}.key`, MAPPING_ISSUES.invalidForm, 'letters, digits and _ only, starting with a letter (at most 40)');
    else if (fields.findIndex((x) => x.key === f.key) !== i) add(`${p}.key`, MAPPING_ISSUES.invalidForm, `${f.key} appears more than once`);
    if (!f.label?.trim()) add(`${p}.label`, MAPPING_ISSUES.invalidForm, 'required');
    if (f.type === 'select') {
      const options = f.options ?? [];
      if (!options.length) add(`${p}.options`, MAPPING_ISSUES.invalidForm, 'a select field needs options');
      options.forEach((o, j) => {
        if (!o.trim()) add(`${p}.options.${j}`, MAPPING_ISSUES.invalidForm, 'empty option');
        else if (options.indexOf(o) !== j) add(`${p}.options.${j}`, MAPPING_ISSUES.invalidForm, `${o} appears more than once`);
      });
    } else if (f.options?.length) add(`${p}.options`, MAPPING_ISSUES.invalidForm, 'only select fields have options');
  });

  const m = def.mapping;
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const ref = (path: string, key: string, types: FormFieldType[]) => {
    const f = byKey.get(key);
    if (!f) add(path, MAPPING_ISSUES.missingField, `the form has no field ${key}`);
    else if (!types.includes(f.type)) add(path, MAPPING_ISSUES.wrongType, `${key} is a ${f.type} field; expected ${types.join(' or ')}`);
    return f && types.includes(f.type) ? f : undefined;
  };

  const title = ref('mapping.title.field', m.title.field, TEXTUAL);
  if (title && !title.required) add('mapping.title.field', MAPPING_ISSUES.notRequired, `${title.key} must be required: every hazard needs a title`);
  if (m.description) ref('mapping.description.field', m.description.field, TEXTUAL);
  if (m.area) ref('mapping.area.field', m.area.field, ['area']);
  if (m.equipment) ref('mapping.equipment.field', m.equipment.field, ['equipment']);
  if (!m.grade && !m.riskLevel) add('mapping', MAPPING_ISSUES.nothingGraded, 'map at least the grade or the risk level');

  // option → target tables: every option mapped, every key an option, every target known
  const table = <T extends string | number>(path: string, key: string, values: Record<string, T>, targets: readonly T[], what: string) => {
    const f = ref(`${path}.field`, key, ['select']);
    if (!f) return;
    const options = f.options ?? [];
    for (const o of options) if (!Object.hasOwn(values, o)) add(`${path}.values`, MAPPING_ISSUES.unmappedOption, `option ${o} of ${f.key} maps to nothing`);
    for (const [o, target] of Object.entries(values)) {
      if (!options.includes(o)) add(`${path}.values.${o}`, MAPPING_ISSUES.unknownOption, `${f.key} has no option ${o}`);
      else if (!targets.includes(target)) {
        add(`${path}.values.${o}`, what === 'value' ? MAPPING_ISSUES.unknownValue : MAPPING_ISSUES.unknownLevel, `the current standards have no ${what} ${target}`);
      }
    }
  };
  const factor = (path: string, src: FactorSource, allowed: readonly number[] | null) => {
    if ('value' in src) {
      if (allowed ? !allowed.includes(src.value) : !(src.value >= 0)) {
        add(`${path}.value`, MAPPING_ISSUES.unknownValue, allowed ? `must be one of ${allowed.join(', ')}` : 'must be 0 or more');
      }
      return;
    }
    if (src.values) table(path, src.field, src.values, allowed ?? Object.values(src.values).filter((v) => v >= 0), 'value');
    else ref(`${path}.field`, src.field, ['number']);
  };

  const grades = doc.hazardGrade.levels.map((x) => x.level);
  const g = m.grade;
  if (g?.from === 'map') table('mapping.grade', g.field, g.values, grades, 'grade');
  else if (g?.from === 'rule') {
    factor('mapping.grade.potentialDeaths', g.potentialDeaths, null);
    factor('mapping.grade.directLossYuan', g.directLossYuan, null);
  } else if (g?.from === 'constant' && !grades.includes(g.value)) {
    add('mapping.grade.value', MAPPING_ISSUES.unknownLevel, `the current standards have no grade ${g.value}`);
  }

  const r = m.riskLevel;
  if (r?.from === 'map') table('mapping.riskLevel', r.field, r.values, riskScale(doc), 'risk level');
  else if (r?.from === 'ls') {
    factor('mapping.riskLevel.l', r.l, doc.ls.l.map((x) => x.value));
    factor('mapping.riskLevel.s', r.s, doc.ls.s.map((x) => x.value));
  } else if (r?.from === 'lec') {
    factor('mapping.riskLevel.l', r.l, doc.lec.l.map((x) => x.value));
    factor('mapping.riskLevel.e', r.e, doc.lec.e.map((x) => x.value));
    factor('mapping.riskLevel.c', r.c, doc.lec.c.map((x) => x.value));
  }
  return issues;
}

/** The risk levels the tenant's LS matrix produces: what a mapped risk level may target. */
export function riskScale(doc: StandardsDocument): RiskLevel[] {
  return doc.fourColours.levels.map((x) => x.level).filter((l) => doc.ls.bands.some((b) => b.level === l));
}

export type ApplyResult = { ok: true; fields: UnifiedHazardFields } | { ok: false; issues: FieldIssue[] };

/**
 * One filled-in form → the unified hazard fields. Issues name the form field (path = its key),
 * or the mapping when the declaration itself no longer fits the standards.
 */
export function applyMapping(def: IntakeDefinition, values: Record<string, unknown>, doc: StandardsDocument): ApplyResult {
  const broken = checkMapping(def, doc);
  if (broken.length) return { ok: false, issues: broken };
  const issues: FieldIssue[] = [];
  const byKey = new Map(def.form.fields.map((f) => [f.key, f]));

  for (const key of Object.keys(values)) if (!byKey.has(key)) issues.push({ path: key, message: 'unknown field', code: 'unrecognized_keys' });
  const clean = new Map<string, string | number>();
  for (const f of def.form.fields) {
    const v = values[f.key];
    if (v === undefined || v === null || (typeof v === 'string' && !v.trim())) {
      if (f.required) issues.push({ path: f.key, message: 'required', code: 'required' });
      continue;
    }
    if (f.type === 'number') {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) issues.push({ path: f.key, message: 'must be a number, 0 or more', code: 'invalid_value' });
      else clean.set(f.key, v);
    } else if (typeof v !== 'string' || v.length > 5000) {
      issues.push({ path: f.key, message: 'must be text', code: 'invalid_type' });
    } else if (f.type === 'select' && !(f.options ?? []).includes(v)) {
      issues.push({ path: f.key, message: `must be one of ${(f.options ?? []).join(', ')}`, code: 'invalid_value' });
    } else clean.set(f.key, v.trim());
  }
  if (issues.length) return { ok: false, issues };

  const m = def.mapping;
  const text = (ref?: { field: string }) => (ref && clean.has(ref.field) ? String(clean.get(ref.field)) : null);
  /** A factor's number, undefined when its (optional) field was left empty. */
  const num = (src: FactorSource): number | undefined => {
    if ('value' in src) return src.value;
    const v = clean.get(src.field);
    if (v === undefined) return undefined;
    return src.values ? own(src.values, String(v)) : (v as number);
  };
  /** Evaluate when every factor is there; issues are put on the form fields that fed them. */
  const evaluateFrom = (kind: 'ls' | 'lec' | 'hazard-grade', sources: Record<string, FactorSource>) => {
    const input: Record<string, number> = {};
    for (const [k, src] of Object.entries(sources)) {
      const v = num(src);
      if (v === undefined) return null; // an optional field left empty: nothing to grade
      input[k] = v;
    }
    const r = tryEvaluate(kind, input, doc);
    if (r.ok) return r.value;
    for (const i of r.issues) {
      const src = sources[i.path];
      issues.push({ ...i, path: src && 'field' in src ? src.field : `mapping.${kind}.${i.path}` });
    }
    return null;
  };

  let grade: UnifiedHazardFields['grade'] = null;
  const g = m.grade;
  if (g) {
    const level =
      g.from === 'map' ? (clean.has(g.field) ? own(g.values, String(clean.get(g.field))) : undefined)
      : g.from === 'constant' ? g.value
      : (evaluateFrom('hazard-grade', { potentialDeaths: g.potentialDeaths, directLossYuan: g.directLossYuan })?.level as HazardGrade | undefined);
    const def = level && doc.hazardGrade.levels.find((x) => x.level === level);
    if (def) grade = { level: def.level, label: def.label, color: def.color };
  }

  let risk: UnifiedHazardFields['risk'] = null;
  const r = m.riskLevel;
  if (r?.from === 'map') {
    const level = clean.has(r.field) ? own(r.values, String(clean.get(r.field))) : undefined;
    const c = level && fourColour(doc, level);
    if (c) risk = { level: c.level, label: c.label, color: c.color, method: 'map' };
  } else if (r) {
    const e = r.from === 'ls' ? evaluateFrom('ls', { l: r.l, s: r.s }) : evaluateFrom('lec', { l: r.l, e: r.e, c: r.c });
    const c = e?.riskLevel && fourColour(doc, e.riskLevel);
    if (e && c) {
      risk = { level: c.level, label: c.label, color: c.color, method: r.from, score: e.score };
      if (r.from === 'lec') Object.assign(risk, { methodLevel: e.level, methodLabel: e.label });
    }
  }
  if (issues.length) return { ok: false, issues };

  return {
    ok: true,
    fields: {
      title: text(m.title) ?? '',
      description: text(m.description) ?? '',
      areaId: text(m.area),
      equipmentId: text(m.equipment),
      grade,
      risk,
    },
  };
}

/** A table lookup that ignores inherited keys (an option called "constructor" maps to nothing). */
function own<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
