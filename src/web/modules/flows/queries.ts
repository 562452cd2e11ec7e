/**
 * Query keys and hooks for collaboration cases and tasks. `flow.updated` events invalidate them
 * (realtimeHandlers → invalidateFlows); pages may listen too with useFlowsLive.
 */
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useRealtimeEvents } from '../../platform/realtime/RealtimeProvider';
import { staffApi } from '../repairs/api';
import { flowApi, type CaseListQuery, type TaskListQuery } from './api';
import type { CommentBody, FlowCaseDetail, FlowTask, LaunchBody, SubjectType, TaskAction, TaskBodies } from './types';

export const flowKeys = {
  all: ['flows'] as const,
  templates: () => [...flowKeys.all, 'templates'] as const,
  suggestion: (subjectType: string, subjectId: string) => [...flowKeys.all, 'suggest', subjectType, subjectId] as const,
  departments: () => [...flowKeys.all, 'departments'] as const,
  cases: () => [...flowKeys.all, 'cases'] as const,
  caseList: (q: CaseListQuery) => [...flowKeys.cases(), q] as const,
  case: (id: string) => [...flowKeys.all, 'case', id] as const,
  tasks: () => [...flowKeys.all, 'tasks'] as const,
  taskList: (q: TaskListQuery) => [...flowKeys.tasks(), q] as const,
};

/** What a flow event makes stale: the lists, and the case it names. */
export function invalidateFlows(qc: QueryClient, caseId: string | null): void {
  void qc.invalidateQueries({ queryKey: flowKeys.cases() });
  void qc.invalidateQueries({ queryKey: flowKeys.tasks() });
  if (caseId) void qc.invalidateQueries({ queryKey: flowKeys.case(caseId) });
  else void qc.invalidateQueries({ queryKey: [...flowKeys.all, 'case'] });
}

/** Calls `onEvent` for each flow event while the page is open (the app invalidates the queries). */
export function useFlowsLive(onEvent?: (caseId: string | null, type: string) => void) {
  useRealtimeEvents((e) => {
    if (e.type.startsWith('flow.') || e.subjectType === 'flow_instance') onEvent?.(e.subjectId, e.type);
  });
}

const STALE = 5 * 60_000;

export function useFlowTemplates(enabled = true) {
  return useQuery({ queryKey: flowKeys.templates(), queryFn: ({ signal }) => flowApi.templates(signal), staleTime: 60_000, enabled });
}

export function useTemplateSuggestion(subjectType: SubjectType, subjectId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: flowKeys.suggestion(subjectType, subjectId ?? ''),
    queryFn: ({ signal }) => flowApi.suggest(subjectType, subjectId!, signal),
    enabled: enabled && !!subjectId && subjectType !== 'none',
    staleTime: 0,
  });
}

export function useFlowDepartments(enabled = true) {
  return useQuery({ queryKey: flowKeys.departments(), queryFn: ({ signal }) => flowApi.departments(signal), staleTime: STALE, enabled });
}

export function useCaseList(q: CaseListQuery, enabled = true) {
  return useQuery({ queryKey: flowKeys.caseList(q), queryFn: ({ signal }) => flowApi.cases(q, signal), placeholderData: keepPreviousData, enabled });
}

export function useFlowCase(id: string) {
  return useQuery({ queryKey: flowKeys.case(id), queryFn: ({ signal }) => flowApi.getCase(id, signal) });
}

export function useTaskList(q: TaskListQuery) {
  return useQuery({ queryKey: flowKeys.taskList(q), queryFn: ({ signal }) => flowApi.tasks(q, signal), placeholderData: keepPreviousData });
}

export function useLaunchCase() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: LaunchBody; idempotencyKey: string }) => flowApi.launch(body, idempotencyKey),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: flowKeys.cases() });
      void qc.invalidateQueries({ queryKey: flowKeys.tasks() });
    },
  });
}

/** After a write on a case: refetch it (timeline, states, other tasks change too) and the lists. */
async function refreshCase(qc: QueryClient, caseId: string) {
  void qc.invalidateQueries({ queryKey: flowKeys.cases() });
  void qc.invalidateQueries({ queryKey: flowKeys.tasks() });
  await qc.invalidateQueries({ queryKey: flowKeys.case(caseId) });
}

export function useTaskAction<A extends TaskAction>(task: Pick<FlowTask, 'id' | 'caseId'>, action: A) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TaskBodies[A]) => flowApi.taskAction(task.id, action, body),
    onSuccess: async (updated) => {
      // the task at once, the rest of the case when it has been refetched
      qc.setQueryData<FlowCaseDetail>(flowKeys.case(task.caseId), (c) =>
        c ? { ...c, tasks: c.tasks.map((x) => (x.id === updated.id ? { ...x, ...updated } : x)) } : c,
      );
      await refreshCase(qc, task.caseId);
    },
  });
}

export function usePatchCaseData(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; data: Record<string, unknown> }) => flowApi.patchData(caseId, body),
    onSuccess: () => refreshCase(qc, caseId),
  });
}

export function useCancelCase(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; reason: string }) => flowApi.cancel(caseId, body),
    onSuccess: () => refreshCase(qc, caseId),
  });
}

export function useAddComment(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CommentBody) => flowApi.comment(caseId, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: flowKeys.case(caseId) }),
  });
}

/** The people of several departments (the case's participants), for @mentions. */
export function useStaffOf(departmentIds: string[]) {
  const results = useQueries({
    queries: departmentIds.map((id) => ({
      queryKey: ['org', 'staff', id],
      queryFn: ({ signal }: { signal: AbortSignal }) => staffApi.ofDepartment(id, signal),
      staleTime: 10 * 60_000,
    })),
  });
  const seen = new Set<string>();
  const people = results.flatMap((r, i) =>
    (r.data ?? []).filter((p) => !seen.has(p.id) && seen.add(p.id)).map((p) => ({ ...p, departmentId: p.departmentId ?? departmentIds[i] })),
  );
  return { people, loading: results.some((r) => r.isPending) };
}
