/** Query keys and hooks for qualification checks; qualification.* events refresh them. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRealtimeEvents } from '../../platform/realtime/RealtimeProvider';
import { qualificationApi, type CheckListQuery } from './api';

export const qualificationKeys = {
  all: ['qualifications'] as const,
  lists: () => [...qualificationKeys.all, 'list'] as const,
  list: (q: CheckListQuery) => [...qualificationKeys.lists(), q] as const,
  detail: (id: string) => [...qualificationKeys.all, 'detail', id] as const,
};

export function useQualificationsLive(onEvent?: (subjectId: string | null, type: string) => void) {
  const qc = useQueryClient();
  useRealtimeEvents((e) => {
    if (!e.type.startsWith('qualification.')) return;
    void qc.invalidateQueries({ queryKey: qualificationKeys.all });
    onEvent?.(e.subjectId, e.type);
  });
}

export function useChecks(q: CheckListQuery, enabled = true) {
  return useQuery({ queryKey: qualificationKeys.list(q), queryFn: ({ signal }) => qualificationApi.list(q, signal), placeholderData: keepPreviousData, enabled });
}

export function useCheck(id: string | null) {
  return useQuery({ queryKey: qualificationKeys.detail(id ?? ''), queryFn: ({ signal }) => qualificationApi.get(id!, signal), enabled: !!id });
}

export function useConfirmCheck(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; note?: string }) => qualificationApi.confirm(id, body),
    onSuccess: (check) => {
      qc.setQueryData(qualificationKeys.detail(id), check);
      void qc.invalidateQueries({ queryKey: qualificationKeys.lists() });
      void qc.invalidateQueries({ queryKey: ['hazards', 'detail', check.hazard.id] });
    },
  });
}
