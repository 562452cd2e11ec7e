/**
 * Query keys and hooks for warnings. `warning.updated` events invalidate the lists and the warning
 * they name (realtimeHandlers → invalidateWarnings), so new warnings and answers appear without reload.
 */
import { useMemo } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { warningApi } from './api';
import type { LinkagePreviewQuery, NewSourceBody, RaiseBody, RuleBody, SourcePatchBody, WarningDetail, WarningListQuery } from './types';

export const warningKeys = {
  all: ['warnings'] as const,
  lists: () => [...warningKeys.all, 'list'] as const,
  list: (q: WarningListQuery) => [...warningKeys.lists(), q] as const,
  detail: (id: string) => [...warningKeys.all, 'detail', id] as const,
  rules: () => [...warningKeys.all, 'rules'] as const,
  preview: (q: LinkagePreviewQuery) => [...warningKeys.all, 'preview', q] as const,
  sources: () => [...warningKeys.all, 'sources'] as const,
  quarantine: (page: number) => [...warningKeys.all, 'quarantine', page] as const,
};

/** What a warning event makes stale: the lists, and the warning it names. */
export function invalidateWarnings(qc: QueryClient, warningId: string | null): void {
  void qc.invalidateQueries({ queryKey: warningKeys.lists() });
  void qc.invalidateQueries({ queryKey: warningId ? warningKeys.detail(warningId) : [...warningKeys.all, 'detail'] });
}

export function useWarningList(q: WarningListQuery, opts: { enabled?: boolean; refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: warningKeys.list(q),
    queryFn: ({ signal }) => warningApi.list(q, signal),
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
    refetchInterval: opts.refetchInterval,
  });
}

/** The current set is small (a handful of warnings at a time); one page of each state holds it. */
const CURRENT_SIZE = 100;

/**
 * The warnings in force: active ones, and those whose loop closed (the server's state 'closed')
 * while the warning itself still runs — a red rainstorm warning answered by every department is
 * still raining. Shared by the warning board and the home card (same cache entries).
 */
export function useCurrentWarnings() {
  // a countdown turning into 已超时 is the server's call: poll gently besides the events
  const active = useWarningList({ state: 'active', page: 1, pageSize: CURRENT_SIZE }, { refetchInterval: 120_000 });
  const closed = useWarningList({ state: 'closed', page: 1, pageSize: 20 }, { refetchInterval: 120_000 });
  const items = useMemo(() => {
    const now = Date.now();
    const running = (closed.data?.items ?? []).filter((w) => w.expires && new Date(w.expires).getTime() > now);
    return [...(active.data?.items ?? []), ...running];
  }, [active.data, closed.data]);
  return {
    items,
    isPending: active.isPending,
    isFetching: active.isFetching || closed.isFetching,
    isError: active.isError,
    error: active.error,
    loaded: !!active.data,
    refetch: () => Promise.all([active.refetch(), closed.refetch()]),
  };
}

export function useWarning(id: string) {
  return useQuery({ queryKey: warningKeys.detail(id), queryFn: ({ signal }) => warningApi.get(id, signal), refetchInterval: 60_000 });
}

/** After a write: the answer is the whole warning; put it in the cache at once, then refresh the lists. */
function useWarningWrite<B>(id: string, fn: (body: B) => Promise<WarningDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (w) => {
      qc.setQueryData(warningKeys.detail(id), w);
      void qc.invalidateQueries({ queryKey: warningKeys.lists() });
    },
  });
}

export function useAcknowledge(id: string, responseId: string) {
  return useWarningWrite(id, (body: { version: number }) => warningApi.acknowledge(id, responseId, body));
}

export function useReportMeasures(id: string, responseId: string) {
  return useWarningWrite(id, (body: { version: number; measures: string; photos?: string[] }) => warningApi.measures(id, responseId, body));
}

export function useCancelWarning(id: string) {
  return useWarningWrite(id, (body: { version: number; reason: string }) => warningApi.cancel(id, body));
}

export function useRaiseWarning() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: RaiseBody; idempotencyKey: string }) => warningApi.raise(body, idempotencyKey),
    onSuccess: (w) => {
      qc.setQueryData(warningKeys.detail(w.id), w);
      void qc.invalidateQueries({ queryKey: warningKeys.lists() });
    },
  });
}

/** The departments the rules would instruct for the warning being written (the form asks as the fields change). */
export function useLinkagePreview(q: LinkagePreviewQuery | null) {
  return useQuery({
    queryKey: warningKeys.preview(q ?? ({} as LinkagePreviewQuery)),
    queryFn: ({ signal }) => warningApi.preview(q!, signal),
    enabled: !!q,
    placeholderData: (prev) => prev,
    staleTime: 30_000,
  });
}

export function useRules(enabled = true) {
  return useQuery({ queryKey: warningKeys.rules(), queryFn: ({ signal }) => warningApi.rules(signal), enabled });
}

export function useSaveRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: RuleBody }) => (id ? warningApi.updateRule(id, body) : warningApi.createRule(body)),
    onSettled: () => qc.invalidateQueries({ queryKey: warningKeys.rules() }),
  });
}

export function useDeleteRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version?: number }) => warningApi.deleteRule(id, version),
    onSettled: () => qc.invalidateQueries({ queryKey: warningKeys.rules() }),
  });
}

export function useSources() {
  return useQuery({ queryKey: warningKeys.sources(), queryFn: ({ signal }) => warningApi.sources(signal) });
}

export function useSaveSource() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; body: SourcePatchBody } | { id: null; body: NewSourceBody }) =>
      v.id === null ? warningApi.createSource(v.body) : warningApi.updateSource(v.id, v.body),
    onSettled: () => qc.invalidateQueries({ queryKey: warningKeys.sources() }),
  });
}

export function useIssueKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => warningApi.issueKey(id),
    onSettled: () => qc.invalidateQueries({ queryKey: warningKeys.sources() }),
  });
}

export function useQuarantine(page: number, pageSize: number, enabled = true) {
  return useQuery({
    queryKey: warningKeys.quarantine(page),
    queryFn: ({ signal }) => warningApi.quarantine({ page, pageSize }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}
