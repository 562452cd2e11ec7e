/** The hazard list's filters, page and sort live in the URL query string (shareable, back-button safe). */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { HazardListQuery, HazardSort } from './api';

const SORTS: HazardSort[] = ['reportedAt', '-reportedAt', 'code', '-code', 'status', '-status'];
export const DEFAULT_SORT: HazardSort = '-reportedAt';
export const PAGE_SIZES = [10, 20, 50, 100];

function positive(v: string | null, fallback: number): number {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function parseListQuery(sp: URLSearchParams): HazardListQuery {
  const sort = sp.get('sort') as HazardSort | null;
  const pageSize = positive(sp.get('pageSize'), 20);
  return {
    page: positive(sp.get('page'), 1),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
    status: sp.get('status') || undefined,
    departmentId: sp.get('departmentId') || undefined,
    areaId: sp.get('areaId') || undefined,
    grade: sp.get('grade') || undefined,
    q: sp.get('q') || undefined,
    mine: sp.get('mine') === 'true' || undefined,
    overdue: sp.get('overdue') === 'true' || undefined,
    from: sp.get('from') || undefined,
    to: sp.get('to') || undefined,
    sort: sort && SORTS.includes(sort) ? sort : DEFAULT_SORT,
  };
}

function toSearch(q: HazardListQuery): URLSearchParams {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    if (k === 'page' && v === 1) continue;
    if (k === 'pageSize' && v === 20) continue;
    if (k === 'sort' && v === DEFAULT_SORT) continue;
    sp.set(k, String(v));
  }
  return sp;
}

/** [query, update]: updating a filter goes back to page 1 unless the page itself changes. */
export function useListQuery(): [HazardListQuery, (patch: Partial<HazardListQuery>) => void] {
  const [sp, setSp] = useSearchParams();
  const query = useMemo(() => parseListQuery(sp), [sp]);
  const update = useCallback(
    (patch: Partial<HazardListQuery>) => {
      const next = { ...query, ...patch };
      if (!('page' in patch)) next.page = 1;
      setSp(toSearch(next), { replace: false });
    },
    [query, setSp],
  );
  return [query, update];
}
