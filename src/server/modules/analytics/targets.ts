/**
 * KPI targets and industry reference values (set by the admin). A KPI without a stored row has
 * its default target from kpis.ts; 'flow:<template id>' and 'flow:hazard' hold a process's
 * reference cycle time in hours.
 */
import { KPIS, KPI_KEYS, targetProblem, type KpiKey, type KpiUnit } from '../../../core/analytics/index.js';
import type { ErrorDetail } from '../../platform/errors.js';
import type { TargetRow } from './store.js';
import type { TargetView } from './views.js';

export const FLOW_KEY = /^flow:(hazard|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export interface TargetInput {
  target: number | null;
  benchmark: number | null;
  note?: string;
  /** The version read; omitted (or 0) only when the target was never stored. */
  version?: number;
}

const isKpiKey = (key: string): key is KpiKey => (KPI_KEYS as readonly string[]).includes(key);

/** The unit a key's values are in, or null for a key that names nothing. */
export function unitOfKey(key: string): KpiUnit | null {
  if (isKpiKey(key)) return KPIS[key].unit;
  return FLOW_KEY.test(key) ? 'hours' : null;
}

export function presentTarget(key: string, row: TargetRow | undefined): TargetView {
  if (!row) return { key, target: isKpiKey(key) ? KPIS[key].defaultTarget : null, benchmark: null, note: '', version: 0, updatedAt: null };
  return { key, target: row.target, benchmark: row.benchmark, note: row.note, version: row.version, updatedAt: new Date(row.updated_at).toISOString() };
}

/** Every KPI (stored or default) and every stored process reference. */
export function targetList(rows: TargetRow[]): TargetView[] {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return [
    ...KPI_KEYS.map((k) => presentTarget(k, byKey.get(k))),
    ...rows.filter((r) => !isKpiKey(r.key)).map((r) => presentTarget(r.key, r)),
  ];
}

/** Target and reference value for a KPI key as the dashboard uses them. */
export function targetOf(rows: Map<string, TargetRow>, key: KpiKey): { target: number | null; benchmark: number | null } {
  const row = rows.get(key);
  return row ? { target: row.target, benchmark: row.benchmark } : { target: KPIS[key].defaultTarget, benchmark: null };
}

/** What is wrong with a target input for this key (empty when it may be saved). */
export function targetInputProblems(key: string, input: TargetInput): ErrorDetail[] {
  const unit = unitOfKey(key);
  if (!unit) return [{ path: 'params.key', message: 'not a KPI key, flow:hazard or flow:<template id>' }];
  const out: ErrorDetail[] = [];
  for (const field of ['target', 'benchmark'] as const) {
    const v = input[field];
    if (v === null) continue;
    const problem = targetProblem(unit, v);
    if (problem) out.push({ path: `body.${field}`, message: problem });
  }
  return out;
}
