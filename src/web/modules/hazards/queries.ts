/** Query-key factory and hooks for hazards; realtime events invalidate through these keys. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { hazardApi, type HazardListQuery, type HazardPatch, type LoopBodies, type LoopStep, type NewHazard } from './api';

export const hazardKeys = {
  all: ['hazards'] as const,
  lists: () => [...hazardKeys.all, 'list'] as const,
  list: (q: HazardListQuery) => [...hazardKeys.lists(), q] as const,
  details: () => [...hazardKeys.all, 'detail'] as const,
  detail: (id: string) => [...hazardKeys.details(), id] as const,
  history: (id: string) => [...hazardKeys.detail(id), 'history'] as const,
  /** Under lists(): every hazard event that refreshes the lists refreshes the register too. */
  majorRegister: () => [...hazardKeys.lists(), 'major-register'] as const,
};

/** The staff directory lives with the organisation's reference data (same key root as orgKeys). */
export const staffKeys = {
  all: ['org', 'users'] as const,
  department: (departmentId: string) => [...staffKeys.all, departmentId] as const,
};

export function useHazardList(q: HazardListQuery) {
  return useQuery({
    queryKey: hazardKeys.list(q),
    queryFn: ({ signal }) => hazardApi.list(q, signal),
    placeholderData: keepPreviousData,
  });
}

/** Only the total of a filtered list (statistics cards). */
export function useHazardCount(q: Omit<HazardListQuery, 'page' | 'pageSize'>) {
  return useQuery({
    queryKey: hazardKeys.list({ ...q, page: 1, pageSize: 1 }),
    queryFn: ({ signal }) => hazardApi.list({ ...q, page: 1, pageSize: 1 }, signal),
    select: (r) => r.total,
  });
}

export function useHazard(id: string) {
  return useQuery({ queryKey: hazardKeys.detail(id), queryFn: ({ signal }) => hazardApi.get(id, signal) });
}

export function useHazardHistory(id: string) {
  return useQuery({ queryKey: hazardKeys.history(id), queryFn: ({ signal }) => hazardApi.history(id, signal) });
}

export function useCreateHazard() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: NewHazard; idempotencyKey: string }) => hazardApi.create(body, idempotencyKey),
    onSuccess: (hazard) => {
      qc.setQueryData(hazardKeys.detail(hazard.id), hazard);
      void qc.invalidateQueries({ queryKey: hazardKeys.lists() });
    },
  });
}

export function useUpdateHazard(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: HazardPatch) => hazardApi.update(id, patch),
    onSuccess: (hazard) => {
      qc.setQueryData(hazardKeys.detail(id), hazard);
      void qc.invalidateQueries({ queryKey: hazardKeys.history(id) });
      void qc.invalidateQueries({ queryKey: hazardKeys.lists() });
    },
  });
}

export function useMajorRegister() {
  return useQuery({ queryKey: hazardKeys.majorRegister(), queryFn: ({ signal }) => hazardApi.majorRegister(signal) });
}

/** People of one department (nothing until a department is chosen). */
export function useStaff(departmentId: string | undefined) {
  return useQuery({
    queryKey: staffKeys.department(departmentId ?? ''),
    queryFn: ({ signal }) => hazardApi.users(departmentId, signal),
    enabled: !!departmentId,
    staleTime: 5 * 60_000,
  });
}

/** One step of the closed loop; the answer is the updated hazard. */
export function useHazardStep<S extends LoopStep>(id: string, step: S) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: LoopBodies[S]) => hazardApi.step(id, step, body),
    onSuccess: (hazard) => {
      qc.setQueryData(hazardKeys.detail(id), hazard);
      void qc.invalidateQueries({ queryKey: hazardKeys.history(id) });
      void qc.invalidateQueries({ queryKey: hazardKeys.lists() });
    },
  });
}
