/** Query-key factory and hooks for the standards library. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { standardsApi } from './api';

export const standardsKeys = {
  all: ['standards'] as const,
  current: () => [...standardsKeys.all, 'current'] as const,
  version: (v: number) => [...standardsKeys.all, 'version', v] as const,
  versions: () => [...standardsKeys.all, 'versions'] as const,
  mappings: () => [...standardsKeys.all, 'mappings'] as const,
  compatibility: () => [...standardsKeys.all, 'compatibility'] as const,
};

/** The tenant's current standards (rarely changes: kept for a minute). */
export function useStandards() {
  return useQuery({ queryKey: standardsKeys.current(), queryFn: ({ signal }) => standardsApi.current(signal), staleTime: 60_000 });
}

/** One stored version; stored versions never change. */
export function useStandardsVersion(version: number | null) {
  return useQuery({
    queryKey: standardsKeys.version(version ?? 0),
    queryFn: ({ signal }) => standardsApi.version(version!, signal),
    enabled: version !== null,
    staleTime: Infinity,
  });
}

export function useStandardsVersions() {
  return useQuery({ queryKey: standardsKeys.versions(), queryFn: ({ signal }) => standardsApi.versions(signal) });
}

export function useMappings() {
  return useQuery({ queryKey: standardsKeys.mappings(), queryFn: ({ signal }) => standardsApi.mappings(signal) });
}

export function useCompatibility(enabled = true) {
  return useQuery({ queryKey: standardsKeys.compatibility(), queryFn: ({ signal }) => standardsApi.compatibility(signal), enabled });
}

export function useSaveStandards() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: standardsApi.save,
    onSuccess: (saved) => {
      qc.setQueryData(standardsKeys.current(), { ...saved, compatibility: undefined });
      void qc.invalidateQueries({ queryKey: standardsKeys.all });
    },
  });
}

export function useToggleMapping() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, enabled }: { id: string; version: number; enabled: boolean }) => standardsApi.editMapping(id, { version, enabled }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: standardsKeys.mappings() });
      void qc.invalidateQueries({ queryKey: standardsKeys.compatibility() });
    },
  });
}
