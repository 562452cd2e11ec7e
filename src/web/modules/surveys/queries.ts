/** Query keys and hooks of the satisfaction survey. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { surveyApi } from './api';

export const surveyKeys = {
  all: ['surveys'] as const,
  current: () => [...surveyKeys.all, 'current'] as const,
  rounds: () => [...surveyKeys.all, 'rounds'] as const,
  results: (id: string) => [...surveyKeys.all, 'results', id] as const,
};

export function useCurrentSurvey() {
  return useQuery({ queryKey: surveyKeys.current(), queryFn: ({ signal }) => surveyApi.current(signal) });
}

export function useRounds(enabled: boolean) {
  return useQuery({ queryKey: surveyKeys.rounds(), queryFn: ({ signal }) => surveyApi.rounds(signal), enabled });
}

export function useResults(id: string | undefined) {
  return useQuery({ queryKey: surveyKeys.results(id ?? ''), queryFn: ({ signal }) => surveyApi.results(id!, signal), enabled: !!id });
}

export function useRespond(roundId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { answers: Record<string, number>; comment?: string }) => surveyApi.respond(roundId, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: surveyKeys.all }),
  });
}

export function useOpenRound() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: surveyApi.open, onSuccess: () => void qc.invalidateQueries({ queryKey: surveyKeys.all }) });
}
