/** Query keys and hooks for repair orders; repair.* events refresh them (useRepairsLive). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRealtimeEvents } from '../../platform/realtime/RealtimeProvider';
import { repairApi, staffApi, type RepairListQuery, type RepairOrder, type StartRepair } from './api';

export const repairKeys = {
  all: ['repairs'] as const,
  lists: () => [...repairKeys.all, 'list'] as const,
  list: (q: RepairListQuery) => [...repairKeys.lists(), q] as const,
  detail: (id: string) => [...repairKeys.all, 'detail', id] as const,
};

/** Keeps repair queries fresh while a repair page is open; calls `onEvent` for each repair event. */
export function useRepairsLive(onEvent?: (subjectId: string | null, type: string) => void) {
  const qc = useQueryClient();
  useRealtimeEvents((e) => {
    if (!e.type.startsWith('repair.')) return;
    void qc.invalidateQueries({ queryKey: repairKeys.all });
    onEvent?.(e.subjectId, e.type);
  });
}

export function useRepairList(q: RepairListQuery) {
  return useQuery({ queryKey: repairKeys.list(q), queryFn: ({ signal }) => repairApi.list(q, signal), placeholderData: keepPreviousData });
}

export function useRepair(id: string) {
  return useQuery({ queryKey: repairKeys.detail(id), queryFn: ({ signal }) => repairApi.get(id, signal) });
}

function useRepairMutation<T>(id: string, fn: (body: T) => Promise<RepairOrder>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (order) => {
      qc.setQueryData(repairKeys.detail(id), order);
      void qc.invalidateQueries({ queryKey: repairKeys.lists() });
      void qc.invalidateQueries({ queryKey: ['hazards', 'detail', order.hazard.id] });
    },
  });
}

export function useStartRepair(id: string) {
  return useRepairMutation(id, (body: StartRepair) => repairApi.start(id, body));
}

export function useCompleteRepair(id: string) {
  return useRepairMutation(id, (body: { version: number; note: string }) => repairApi.complete(id, body));
}

export function useDepartmentStaff(departmentId: string | undefined) {
  return useQuery({
    queryKey: ['org', 'staff', departmentId ?? ''],
    queryFn: ({ signal }) => staffApi.ofDepartment(departmentId!, signal),
    enabled: !!departmentId,
    staleTime: 10 * 60_000,
  });
}
