/**
 * Query keys and hooks for the analytics pages. The server refreshes its rollups after writes and
 * says so (`analytics.refreshed`): useLiveAnalytics refetches then (a burst costs one refetch).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useRealtimeEvents } from '../../platform/realtime/RealtimeProvider';
import { analyticsApi } from './api';
import type { DashboardQuery, TargetBody, TargetView } from './types';

export const analyticsKeys = {
  all: ['analytics'] as const,
  overview: (q: DashboardQuery) => [...analyticsKeys.all, 'overview', q] as const,
  sitePlan: (q: DashboardQuery) => [...analyticsKeys.all, 'site-plan', q] as const,
  bottlenecks: (q: DashboardQuery) => [...analyticsKeys.all, 'bottlenecks', q] as const,
  scores: (q: DashboardQuery) => [...analyticsKeys.all, 'scores', q] as const,
  targets: () => [...analyticsKeys.all, 'targets'] as const,
};

// the figures change slowly: a refetch every few minutes besides events and focus
const LIVE = { placeholderData: keepPreviousData, refetchInterval: 5 * 60_000 } as const;

export function useOverview(q: DashboardQuery) {
  return useQuery({ queryKey: analyticsKeys.overview(q), queryFn: ({ signal }) => analyticsApi.overview(q, signal), ...LIVE });
}

export function useSitePlanDensity(q: DashboardQuery) {
  return useQuery({ queryKey: analyticsKeys.sitePlan(q), queryFn: ({ signal }) => analyticsApi.sitePlan(q, signal), ...LIVE });
}

export function useBottlenecks(q: DashboardQuery) {
  return useQuery({ queryKey: analyticsKeys.bottlenecks(q), queryFn: ({ signal }) => analyticsApi.bottlenecks(q, signal), ...LIVE });
}

export function useScores(q: DashboardQuery) {
  return useQuery({ queryKey: analyticsKeys.scores(q), queryFn: ({ signal }) => analyticsApi.scores(q, signal), ...LIVE });
}

export function useTargets() {
  return useQuery({ queryKey: analyticsKeys.targets(), queryFn: ({ signal }) => analyticsApi.targets(signal) });
}

export function useSaveTarget() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ key, body }: { key: string; body: TargetBody }) => analyticsApi.saveTarget(key, body),
    onSuccess: (saved: TargetView) => {
      qc.setQueryData<TargetView[]>(analyticsKeys.targets(), (old) => old?.map((t) => (t.key === saved.key ? saved : t)));
      // targets show on the KPI cards and the trend lines
      void qc.invalidateQueries({ queryKey: [...analyticsKeys.all, 'overview'] });
    },
  });
}

/**
 * While mounted: when the server says the tenant's rollups have caught up with its writes
 * (`analytics.refreshed`, moments after a write), the analytics shown are refetched; a burst of
 * them costs one refetch.
 */
export function useLiveAnalytics(): void {
  const qc = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  useRealtimeEvents((e) => {
    if (e.type !== 'analytics.refreshed' || timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void qc.invalidateQueries({ queryKey: analyticsKeys.all, refetchType: 'active' });
    }, 300);
  });
}
