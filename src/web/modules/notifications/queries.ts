/** Notifications: list + unread count, mark read (optimistic), realtime via notificationKeys. */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../platform/api/client';
import type { NotificationList } from '../../platform/api/types';

export const notificationKeys = {
  all: ['notifications'] as const,
  list: (limit: number) => [...notificationKeys.all, 'list', limit] as const,
};

/** The header bell and the notification page share these. */
export const BELL_LIMIT = 20;
export const PAGE_LIMIT = 50;

export function useNotifications(limit = BELL_LIMIT) {
  return useQuery({
    queryKey: notificationKeys.list(limit),
    queryFn: ({ signal }) => api.get<NotificationList>('/notifications', { limit }, { signal }),
    staleTime: 60_000,
  });
}

function patchLists(qc: QueryClient, fn: (list: NotificationList) => NotificationList): void {
  qc.setQueriesData<NotificationList>({ queryKey: notificationKeys.all }, (old) => (old ? fn(old) : old));
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<unknown>(`/notifications/${encodeURIComponent(id)}/read`),
    onMutate: async (id) => {
      await qc.cancelQueries({ queryKey: notificationKeys.all });
      const now = new Date().toISOString();
      const wasUnread = qc
        .getQueriesData<NotificationList>({ queryKey: notificationKeys.all })
        .some(([, list]) => list?.items.some((n) => n.id === id && !n.readAt));
      patchLists(qc, (list) => ({
        items: list.items.map((n) => (n.id === id && !n.readAt ? { ...n, readAt: now } : n)),
        unread: Math.max(0, list.unread - (wasUnread ? 1 : 0)),
      }));
    },
    onSettled: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<unknown>('/notifications/read-all'),
    onMutate: async () => {
      await qc.cancelQueries({ queryKey: notificationKeys.all });
      const now = new Date().toISOString();
      patchLists(qc, (list) => ({ items: list.items.map((n) => (n.readAt ? n : { ...n, readAt: now })), unread: 0 }));
    },
    onSettled: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
