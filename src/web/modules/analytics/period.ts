/**
 * The dashboard's filters live in the URL query string (shareable, back-button safe): a preset
 * period (`period=last6`) or a custom month range (`from=2026-01&to=2026-06`), and optional
 * `departmentId` / `areaId`. Months are calendar months in UTC+8, like the server's.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { addMonths, monthEnd, monthOf, monthStart, quarterOf, quarterRange, type DashboardQuery, type Month } from './types';

export const PRESETS = ['thisMonth', 'lastMonth', 'thisQuarter', 'last6', 'last12', 'thisYear'] as const;
export type Preset = (typeof PRESETS)[number];
export const DEFAULT_PRESET: Preset = 'last6';

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A preset's month range as of `now`; ranges never reach past the current month. */
export function presetRange(p: Preset, now = new Date()): { from: Month; to: Month } {
  const m = monthOf(now);
  switch (p) {
    case 'thisMonth':
      return { from: m, to: m };
    case 'lastMonth':
      return { from: addMonths(m, -1), to: addMonths(m, -1) };
    case 'thisQuarter':
      return { from: quarterRange(quarterOf(m)).from, to: m };
    case 'last6':
      return { from: addMonths(m, -5), to: m };
    case 'last12':
      return { from: addMonths(m, -11), to: m };
    case 'thisYear':
      return { from: `${m.slice(0, 4)}-01`, to: m };
  }
}

export interface DashboardFilters extends DashboardQuery {
  /** null: a custom month range. */
  preset: Preset | null;
}

export function parseFilters(sp: URLSearchParams): DashboardFilters {
  const from = sp.get('from');
  const to = sp.get('to');
  const base = { departmentId: sp.get('departmentId') || undefined, areaId: sp.get('areaId') || undefined };
  if (from && to && MONTH_RE.test(from) && MONTH_RE.test(to) && from <= to) return { ...base, preset: null, from, to };
  const p = sp.get('period') as Preset | null;
  const preset = p && PRESETS.includes(p) ? p : DEFAULT_PRESET;
  return { ...base, preset, ...presetRange(preset) };
}

function toSearch(f: DashboardFilters): URLSearchParams {
  const sp = new URLSearchParams();
  if (f.preset) {
    if (f.preset !== DEFAULT_PRESET) sp.set('period', f.preset);
  } else {
    sp.set('from', f.from);
    sp.set('to', f.to);
  }
  if (f.departmentId) sp.set('departmentId', f.departmentId);
  if (f.areaId) sp.set('areaId', f.areaId);
  return sp;
}

export type FilterPatch = Partial<Pick<DashboardFilters, 'departmentId' | 'areaId'>> & ({ preset: Preset } | { from: Month; to: Month } | object);

/** [filters, update]. */
export function useDashboardFilters(): [DashboardFilters, (patch: FilterPatch) => void] {
  const [sp, setSp] = useSearchParams();
  const filters = useMemo(() => parseFilters(sp), [sp]);
  const update = useCallback(
    (patch: FilterPatch) => {
      let next: DashboardFilters = { ...filters, ...patch } as DashboardFilters;
      if ('preset' in patch && patch.preset) next = { ...next, ...presetRange(patch.preset as Preset) };
      else if ('from' in patch) next = { ...next, preset: null };
      setSp(toSearch(next), { replace: true });
    },
    [filters, setSp],
  );
  return [filters, update];
}

/** The query the API gets (no preset, no empty filters). */
export function apiQuery(f: DashboardQuery): DashboardQuery {
  return { from: f.from, to: f.to, departmentId: f.departmentId || undefined, areaId: f.areaId || undefined };
}

/** ISO instants of a month range as the hazard list's from/to filter (to = the last instant of the last month). */
export function isoRange(from: Month, to: Month): { from: string; to: string } {
  return { from: monthStart(from).toISOString(), to: new Date(monthEnd(to).getTime() - 1).toISOString() };
}

/** Days (UTC+8, YYYY-MM-DD, both included) of a month range: the case list's from/to filter. */
export function dayRange(from: Month, to: Month): { from: string; to: string } {
  const lastDay = new Date(monthEnd(to).getTime() - 1 + 8 * 3600_000).toISOString().slice(0, 10);
  return { from: `${from}-01`, to: lastDay };
}

/** A drill link (path + query) as a router location. */
export function drillHref(d: { path: string; query: Record<string, string> }): string {
  const qs = new URLSearchParams(d.query).toString();
  return qs ? `${d.path}?${qs}` : d.path;
}
