/** Query keys and hooks for sensors; sensor.* events refresh them (see app/realtimeHandlers.ts). */
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { sensorApi, type Sensor, type ThresholdInput } from './api';

export const sensorKeys = {
  all: ['sensors'] as const,
  list: () => [...sensorKeys.all, 'list'] as const,
  detail: (id: string) => [...sensorKeys.all, 'detail', id] as const,
  readings: (id: string, period: string) => [...sensorKeys.all, 'readings', id, period] as const,
};

/** A sensor's state changed (never per reading): its row, its page and its chart. */
export function invalidateSensors(qc: QueryClient, id: string | null): void {
  void qc.invalidateQueries({ queryKey: sensorKeys.list() });
  if (id) {
    void qc.invalidateQueries({ queryKey: sensorKeys.detail(id) });
    void qc.invalidateQueries({ queryKey: [...sensorKeys.all, 'readings', id] });
  }
}

export function useSensorList() {
  // the latest values move without events (only state changes are pushed): a gentle poll as well
  return useQuery({ queryKey: sensorKeys.list(), queryFn: ({ signal }) => sensorApi.list(signal).then((r) => r.items), refetchInterval: 30_000 });
}

export function useSensor(id: string) {
  return useQuery({ queryKey: sensorKeys.detail(id), queryFn: ({ signal }) => sensorApi.get(id, signal), refetchInterval: 30_000 });
}

export const PERIODS = { '24h': { hours: 24, buckets: 288 }, '7d': { hours: 168, buckets: 336 } } as const;
export type Period = keyof typeof PERIODS;

export function useReadings(id: string, period: Period) {
  return useQuery({
    queryKey: sensorKeys.readings(id, period),
    queryFn: ({ signal }) => {
      const to = new Date();
      const from = new Date(to.getTime() - PERIODS[period].hours * 3600_000);
      return sensorApi.readings(id, { from: from.toISOString(), to: to.toISOString(), buckets: PERIODS[period].buckets }, signal);
    },
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export function useCreateSensor() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: sensorApi.create,
    onSuccess: () => void qc.invalidateQueries({ queryKey: sensorKeys.list() }),
  });
}

export function useSaveThresholds(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; thresholds: ThresholdInput[] }) => sensorApi.setThresholds(id, body),
    onSuccess: (s: Sensor) => {
      qc.setQueryData(sensorKeys.detail(id), s);
      void qc.invalidateQueries({ queryKey: sensorKeys.list() });
    },
  });
}
