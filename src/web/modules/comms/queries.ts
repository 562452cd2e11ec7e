/**
 * Query keys and hooks for chat. `comms.message` and `comms.read` events (ids only) invalidate the
 * conversation list (unread counts) and the conversation they name (realtimeHandlers → invalidateComms).
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { commsApi } from './api';
import type { NewMessage, SubjectType } from './types';

export const commsKeys = {
  all: ['comms'] as const,
  list: () => [...commsKeys.all, 'list'] as const,
  detail: (id: string) => [...commsKeys.all, 'detail', id] as const,
  messages: (id: string) => [...commsKeys.all, 'messages', id] as const,
  record: (type: string, id: string) => [...commsKeys.all, 'record', type, id] as const,
  directory: () => [...commsKeys.all, 'directory'] as const,
  search: (q: string) => [...commsKeys.all, 'search', q] as const,
};

export function invalidateComms(qc: QueryClient, conversationId: string | null, change: 'message' | 'read'): void {
  void qc.invalidateQueries({ queryKey: commsKeys.list() });
  if (change === 'read') return;
  if (conversationId) {
    void qc.invalidateQueries({ queryKey: commsKeys.messages(conversationId) });
    void qc.invalidateQueries({ queryKey: commsKeys.detail(conversationId) });
  }
  void qc.invalidateQueries({ queryKey: [...commsKeys.all, 'record'] });
}

export function useConversations() {
  return useQuery({ queryKey: commsKeys.list(), queryFn: ({ signal }) => commsApi.list(signal), staleTime: 15_000 });
}

export function useConversation(id: string) {
  return useQuery({ queryKey: commsKeys.detail(id), queryFn: ({ signal }) => commsApi.get(id, signal), enabled: !!id, retry: false });
}

/** History by page: the newest page first, earlier pages on demand. */
export function useMessages(id: string) {
  return useInfiniteQuery({
    queryKey: commsKeys.messages(id),
    queryFn: ({ pageParam, signal }) => commsApi.messages(id, pageParam, signal),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => (last.hasMore && last.items.length ? last.items[0].seq : undefined),
    enabled: !!id,
    retry: false,
  });
}

export function useDirectory() {
  return useQuery({ queryKey: commsKeys.directory(), queryFn: ({ signal }) => commsApi.directory(signal), staleTime: 300_000 });
}

export function useRecordHistory(type: SubjectType, id: string) {
  return useQuery({ queryKey: commsKeys.record(type, id), queryFn: ({ signal }) => commsApi.recordHistory(type, id, signal), enabled: !!id });
}

export function useSearch(q: string) {
  return useQuery({ queryKey: commsKeys.search(q), queryFn: ({ signal }) => commsApi.search(q, signal), enabled: q.trim().length > 0 });
}

export function usePost(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewMessage) => commsApi.post(id, body),
    onSuccess: () => invalidateComms(qc, id, 'message'),
  });
}
