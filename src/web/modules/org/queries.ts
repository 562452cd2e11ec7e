/** Reference data of the organisation: departments, areas, equipment (rarely changes). */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../platform/api/client';
import type { Area, Department, Equipment, Items } from '../../platform/api/types';

export const orgKeys = {
  all: ['org'] as const,
  departments: () => [...orgKeys.all, 'departments'] as const,
  areas: () => [...orgKeys.all, 'areas'] as const,
  equipment: (areaId?: string | null) => [...orgKeys.all, 'equipment', areaId ?? 'all'] as const,
};

const STALE = 10 * 60_000;

export function useDepartments() {
  return useQuery({
    queryKey: orgKeys.departments(),
    queryFn: ({ signal }) => api.get<Items<Department>>('/departments', undefined, { signal }).then((r) => r.items),
    staleTime: STALE,
  });
}

export function useAreas() {
  return useQuery({
    queryKey: orgKeys.areas(),
    queryFn: ({ signal }) => api.get<Items<Area>>('/areas', undefined, { signal }).then((r) => r.items),
    staleTime: STALE,
  });
}

/** Equipment, optionally only that of one area. */
export function useEquipment(areaId?: string | null, enabled = true) {
  return useQuery({
    queryKey: orgKeys.equipment(areaId),
    queryFn: ({ signal }) => api.get<Items<Equipment>>('/equipment', { areaId: areaId ?? undefined }, { signal }).then((r) => r.items),
    staleTime: STALE,
    enabled,
  });
}
