/** Query-key factory and hooks for risk points and the risk map; realtime events refresh them. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRealtimeEvents } from '../../platform/realtime/RealtimeProvider';
import type { Point } from '../../../core/risks';
import { riskApi, type RiskListQuery, type RiskPointBody, type RiskPointPatch } from './api';

export const riskKeys = {
  all: ['risks'] as const,
  lists: () => [...riskKeys.all, 'list'] as const,
  list: (q: RiskListQuery) => [...riskKeys.lists(), q] as const,
  detail: (id: string) => [...riskKeys.all, 'detail', id] as const,
  map: () => [...riskKeys.all, 'map'] as const,
  sitePlan: () => [...riskKeys.all, 'site-plan'] as const,
  staff: (departmentId: string) => [...riskKeys.all, 'staff', departmentId] as const,
};

export function useRiskPoints(q: RiskListQuery) {
  return useQuery({ queryKey: riskKeys.list(q), queryFn: ({ signal }) => riskApi.list(q, signal), placeholderData: keepPreviousData });
}

export function useRiskPoint(id: string) {
  return useQuery({ queryKey: riskKeys.detail(id), queryFn: ({ signal }) => riskApi.get(id, signal) });
}

export function useRiskMap() {
  return useQuery({ queryKey: riskKeys.map(), queryFn: ({ signal }) => riskApi.map(signal) });
}

/** Active staff of a department (for the responsible person). */
export function useRiskStaff(departmentId: string | undefined) {
  return useQuery({
    queryKey: riskKeys.staff(departmentId ?? ''),
    queryFn: ({ signal }) => riskApi.staff(departmentId!, signal),
    enabled: !!departmentId,
    staleTime: 5 * 60_000,
  });
}

export function useSaveRiskPoint() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: RiskPointBody | RiskPointPatch }) =>
      id ? riskApi.update(id, body as RiskPointPatch) : riskApi.create(body as RiskPointBody),
    onSuccess: (point) => {
      qc.setQueryData(riskKeys.detail(point.id), point);
      void qc.invalidateQueries({ queryKey: riskKeys.lists() });
      void qc.invalidateQueries({ queryKey: riskKeys.map() });
    },
  });
}

export function useSetSitePlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (fileId: string) => riskApi.setSitePlan(fileId),
    onSuccess: () => void qc.invalidateQueries({ queryKey: riskKeys.all }),
  });
}

export function useSetPolygon() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ areaId, points }: { areaId: string; points: Point[] | null }) => riskApi.setPolygon(areaId, points),
    onSuccess: () => void qc.invalidateQueries({ queryKey: riskKeys.map() }),
  });
}

/** Someone changed a risk point, the plan or an outline (or a hazard moved): refresh what shows it. */
export function useRiskRealtime() {
  const qc = useQueryClient();
  useRealtimeEvents((event) => {
    if (event.type.startsWith('risk_point.')) {
      void qc.invalidateQueries({ queryKey: riskKeys.lists() });
      void qc.invalidateQueries({ queryKey: riskKeys.map() });
      if (event.subjectId) void qc.invalidateQueries({ queryKey: riskKeys.detail(event.subjectId) });
    } else if (event.type.startsWith('risk_map.') || event.type.startsWith('hazard.')) {
      void qc.invalidateQueries({ queryKey: riskKeys.map() });
    }
  });
}
