/**
 * The one evaluation code path: LEC, LS, hazard grade, accident level, weather level. The web
 * calls it for a live preview while a form is filled in; the server calls it to decide. Every
 * number comes from the standards document, none from here.
 */
import {
  COLORS,
  EVALUATION_KINDS,
  type AccidentLevelDef,
  type Color,
  type Evaluation,
  type EvaluationInputs,
  type EvaluationKind,
  type FieldIssue,
  type LecBand,
  type RiskLevel,
  type StandardsDocument,
} from './types.js';

/** Thrown by evaluate() when the input is not acceptable; `issues` name the fields. */
export class StandardsInputError extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ') || 'invalid input');
    this.name = 'StandardsInputError';
  }
}

export type EvaluationResult = { ok: true; value: Evaluation } | { ok: false; issues: FieldIssue[] };

export function isEvaluationKind(kind: unknown): kind is EvaluationKind {
  return typeof kind === 'string' && (EVALUATION_KINDS as readonly string[]).includes(kind);
}

/**
 * Evaluate one input against a standards document. Throws StandardsInputError with field
 * issues (paths relative to the input: "l", "deaths" …; "kind" for an unknown kind).
 */
export function evaluate<K extends EvaluationKind>(kind: K, input: EvaluationInputs[K] | unknown, doc: StandardsDocument): Evaluation {
  const r = tryEvaluate(kind, input, doc);
  if (!r.ok) throw new StandardsInputError(r.issues);
  return r.value;
}

/** Like evaluate(), but returns the issues instead of throwing (live previews). */
export function tryEvaluate(kind: unknown, input: unknown, doc: StandardsDocument): EvaluationResult {
  if (!isEvaluationKind(kind)) return { ok: false, issues: [{ path: 'kind', message: `must be one of ${EVALUATION_KINDS.join(', ')}` }] };
  const issues: FieldIssue[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, issues: [{ path: '', message: 'must be an object' }] };
  }
  const obj = input as Record<string, unknown>;
  const fields = FIELDS[kind];
  for (const key of Object.keys(obj)) {
    if (!fields.includes(key)) issues.push({ path: key, message: 'unknown field', code: 'unrecognized_keys' });
  }
  const value = (() => {
    switch (kind) {
      case 'lec': {
        const l = oneOf(obj, 'l', doc.lec.l, issues);
        const e = oneOf(obj, 'e', doc.lec.e, issues);
        const c = oneOf(obj, 'c', doc.lec.c, issues);
        return issues.length ? null : lec(doc, l!, e!, c!);
      }
      case 'ls': {
        const l = oneOf(obj, 'l', doc.ls.l, issues);
        const s = oneOf(obj, 's', doc.ls.s, issues);
        return issues.length ? null : ls(doc, l!, s!);
      }
      case 'hazard-grade': {
        const deaths = count(obj, 'potentialDeaths', issues);
        const loss = amount(obj, 'directLossYuan', issues);
        return issues.length ? null : hazardGrade(doc, deaths!, loss!);
      }
      case 'accident-level': {
        const deaths = count(obj, 'deaths', issues);
        const injuries = count(obj, 'seriousInjuries', issues);
        const loss = amount(obj, 'directLossYuan', issues);
        return issues.length ? null : accidentLevel(doc, deaths!, injuries!, loss!);
      }
      case 'weather-level': {
        const color = colour(obj, 'color', issues);
        return issues.length ? null : weatherLevel(doc, color!);
      }
    }
  })();
  if (issues.length || !value) return { ok: false, issues: issues.length ? issues : [{ path: '', message: 'the standards document has no level for this input' }] };
  return { ok: true, value };
}

const FIELDS: Record<EvaluationKind, string[]> = {
  lec: ['l', 'e', 'c'],
  ls: ['l', 's'],
  'hazard-grade': ['potentialDeaths', 'directLossYuan'],
  'accident-level': ['deaths', 'seriousInjuries', 'directLossYuan'],
  'weather-level': ['color'],
};

// ---- the rules (typed inputs; validation above) ----

/** Multiplication of decimal factors without binary noise: 0.1 × 3 × 7 = 2.1, not 2.1000000000000005. */
function product(...xs: number[]): number {
  return Math.round(xs.reduce((a, b) => a * b, 1) * 1e6) / 1e6;
}

/** LEC: D = L × E × C, banded gt < D ≤ lte. */
export function lec(doc: StandardsDocument, l: number, e: number, c: number): Evaluation | null {
  const d = product(l, e, c);
  const band = lecBandOf(doc.lec.bands, d);
  return band ? { level: band.level, color: band.color, label: band.label, score: d, riskLevel: band.riskLevel } : null;
}

export function lecBandOf(bands: LecBand[], d: number): LecBand | undefined {
  return bands.find((b) => (b.gt === null || d > b.gt) && (b.lte === null || d <= b.lte));
}

/** LS: R = L × S, banded min ≤ R ≤ max; label and colour from the four-colour levels. */
export function ls(doc: StandardsDocument, l: number, s: number): Evaluation | null {
  const r = product(l, s);
  const band = doc.ls.bands.find((b) => r >= b.min && r <= b.max);
  const colour = band && fourColour(doc, band.level);
  return colour ? { level: colour.level, color: colour.color, label: colour.label, score: r, riskLevel: colour.level } : null;
}

export function fourColour(doc: StandardsDocument, level: RiskLevel) {
  return doc.fourColours.levels.find((x) => x.level === level);
}

/** 重大隐患 when the potential deaths or the direct loss reaches the threshold ("以上" includes it). */
export function hazardGrade(doc: StandardsDocument, potentialDeaths: number, directLossYuan: number): Evaluation | null {
  const { minDeaths, minDirectLossYuan } = doc.hazardGrade.major;
  const grade = potentialDeaths >= minDeaths || directLossYuan >= minDirectLossYuan ? 'major' : 'general';
  const def = doc.hazardGrade.levels.find((x) => x.level === grade);
  return def ? { level: def.level, color: def.color, label: def.label } : null;
}

/** The highest accident level any one figure reaches (levels are ordered highest first). */
export function accidentLevel(doc: StandardsDocument, deaths: number, seriousInjuries: number, directLossYuan: number): Evaluation | null {
  const reaches = (x: AccidentLevelDef) =>
    deaths >= x.minDeaths || seriousInjuries >= x.minSeriousInjuries || directLossYuan >= x.minDirectLossYuan;
  const def = doc.accidentLevels.levels.find(reaches);
  return def ? { level: def.level, color: def.color, label: def.label } : null;
}

export function weatherLevel(doc: StandardsDocument, color: Color): Evaluation | null {
  const def = doc.weatherLevels.levels.find((x) => x.color === color);
  return def ? { level: def.level, color: def.color, label: def.label } : null;
}

// ---- input checks ----

function present(obj: Record<string, unknown>, key: string, issues: FieldIssue[]): unknown {
  const v = obj[key];
  if (v === undefined || v === null || v === '') {
    issues.push({ path: key, message: 'required', code: 'required' });
    return undefined;
  }
  return v;
}

function oneOf(obj: Record<string, unknown>, key: string, allowed: { value: number }[], issues: FieldIssue[]): number | undefined {
  const v = present(obj, key, issues);
  if (v === undefined) return undefined;
  const values = allowed.map((x) => x.value);
  if (typeof v !== 'number' || !values.includes(v)) {
    issues.push({ path: key, message: `must be one of ${values.join(', ')}`, code: 'invalid_value' });
    return undefined;
  }
  return v;
}

function count(obj: Record<string, unknown>, key: string, issues: FieldIssue[]): number | undefined {
  const v = present(obj, key, issues);
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    issues.push({ path: key, message: 'must be a whole number, 0 or more', code: 'invalid_value' });
    return undefined;
  }
  return v;
}

function amount(obj: Record<string, unknown>, key: string, issues: FieldIssue[]): number | undefined {
  const v = present(obj, key, issues);
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1e15) {
    issues.push({ path: key, message: 'must be an amount in yuan, 0 or more', code: 'invalid_value' });
    return undefined;
  }
  return v;
}

function colour(obj: Record<string, unknown>, key: string, issues: FieldIssue[]): Color | undefined {
  const v = present(obj, key, issues);
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !(COLORS as readonly string[]).includes(v)) {
    issues.push({ path: key, message: `must be one of ${COLORS.join(', ')}`, code: 'invalid_value' });
    return undefined;
  }
  return v as Color;
}
