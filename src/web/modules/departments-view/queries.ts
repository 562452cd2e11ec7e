/**
 * The key lives under the hazard's detail key, so the app's 'hazard.updated' handling refreshes it;
 * repair and qualification events refresh it here (useDepartmentsViewLive).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRealtimeEvents } from '../../platform/realtime/RealtimeProvider';
import { hazardKeys } from '../hazards/queries';
import { departmentsViewApi } from './api';

export const departmentsViewKeys = {
  of: (hazardId: string) => [...hazardKeys.detail(hazardId), 'departments'] as const,
};

/** Event types (besides hazard.*) that change some department's progress. */
export function isDepartmentWorkEvent(type: string): boolean {
  return type.startsWith('repair.') || type.startsWith('qualification.');
}

export function useDepartmentsView(hazardId: string) {
  const qc = useQueryClient();
  // Events carry ids only (the repair order's or the check's), so refresh every open progress view.
  useRealtimeEvents((e) => {
    if (isDepartmentWorkEvent(e.type)) void qc.invalidateQueries({ predicate: (q) => q.queryKey[q.queryKey.length - 1] === 'departments' && q.queryKey[0] === hazardKeys.all[0] });
  });
  return useQuery({ queryKey: departmentsViewKeys.of(hazardId), queryFn: ({ signal }) => departmentsViewApi.get(hazardId, signal) });
}
