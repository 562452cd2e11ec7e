/** React-query hooks for preferences, channels and deliveries. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifyApi, type ChannelInput, type ChannelKind, type DeliveryQuery, type PreferenceSave } from './channelsApi';

export const notifyKeys = {
  all: ['notify-settings'] as const,
  preferences: () => [...notifyKeys.all, 'preferences'] as const,
  channels: () => [...notifyKeys.all, 'channels'] as const,
  deliveries: (q: DeliveryQuery) => [...notifyKeys.all, 'deliveries', q] as const,
};

export function usePreferences() {
  return useQuery({ queryKey: notifyKeys.preferences(), queryFn: ({ signal }) => notifyApi.preferences(signal) });
}

export function useSavePreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PreferenceSave) => notifyApi.savePreferences(body),
    onSuccess: (prefs) => qc.setQueryData(notifyKeys.preferences(), prefs),
  });
}

export function useChannels() {
  return useQuery({ queryKey: notifyKeys.channels(), queryFn: ({ signal }) => notifyApi.channels(signal), refetchInterval: 30_000 });
}

export function useDeliveries(q: DeliveryQuery) {
  return useQuery({ queryKey: notifyKeys.deliveries(q), queryFn: ({ signal }) => notifyApi.deliveries(q, signal), placeholderData: keepPreviousData });
}

export function useDepartments() {
  return useQuery({ queryKey: ['org', 'departments'], queryFn: ({ signal }) => notifyApi.departments(signal), staleTime: 10 * 60_000 });
}

/** Every channel change refreshes the list and the deliveries (counts move with them). */
function useChannelMutation<T, R>(fn: (v: T) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void qc.invalidateQueries({ queryKey: notifyKeys.all }) });
}

export const useCreateChannel = () => useChannelMutation((body: ChannelInput & { kind: ChannelKind }) => notifyApi.createChannel(body));
export const useUpdateChannel = () =>
  useChannelMutation(({ id, ...body }: Partial<ChannelInput> & { id: string; version: number }) => notifyApi.updateChannel(id, body));
export const useDeleteChannel = () => useChannelMutation((id: string) => notifyApi.deleteChannel(id));
export const useRetryDelivery = () => useChannelMutation((id: string) => notifyApi.retryDelivery(id));
export const useTestChannel = () => useMutation({ mutationFn: ({ id, to }: { id: string; to?: string }) => notifyApi.testChannel(id, to) });
