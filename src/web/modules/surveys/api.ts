/** Typed calls to /api/v1/surveys (the quarterly satisfaction survey). */
import { api, request } from '../../platform/api/client';

export interface SurveyQuestion {
  key: string;
  zh: string;
  en: string;
}

export type RoundState = 'upcoming' | 'open' | 'closed';

export interface SurveyRound {
  id: string;
  quarter: string;
  title: string;
  questions: SurveyQuestion[];
  opensAt: string;
  closesAt: string;
  state: RoundState;
}

export interface SurveyAnswer {
  answers: Record<string, number>;
  comment: string;
  submittedAt: string;
}

export interface CurrentSurvey {
  round: SurveyRound | null;
  answer: SurveyAnswer | null;
}

export interface RoundSummary extends SurveyRound {
  responses: number;
}

export interface DepartmentResult {
  departmentId: string | null;
  departmentName: string;
  responses: number;
  hidden: boolean;
  mean: number | null;
  means: Record<string, number> | null;
}

export interface SurveyResults {
  round: RoundSummary;
  eligible: number;
  responseRate: number | null;
  mean: number | null;
  questions: (SurveyQuestion & { mean: number | null; count: number })[];
  departments: DepartmentResult[];
  minResponses: number;
  comments: string[] | null;
}

export const surveyApi = {
  current: (signal?: AbortSignal) => api.get<CurrentSurvey>('/surveys/current', undefined, { signal }),
  respond: (id: string, body: { answers: Record<string, number>; comment?: string }) =>
    request<SurveyAnswer>('POST', `/surveys/${encodeURIComponent(id)}/responses`, { body }),
  rounds: (signal?: AbortSignal) => api.get<{ items: RoundSummary[] }>('/surveys', undefined, { signal }).then((r) => r.items),
  results: (id: string, signal?: AbortSignal) => api.get<SurveyResults>(`/surveys/${encodeURIComponent(id)}/results`, undefined, { signal }),
  open: () => request<SurveyRound>('POST', '/surveys', { body: {} }),
};

/** The question's text in the page's language. */
export const questionText = (q: SurveyQuestion, language: string) => (language.startsWith('en') ? q.en : q.zh);
