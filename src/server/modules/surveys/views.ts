import type { SurveyQuestion } from '../../platform/db/schema-analytics.js';

/** What the surveys API returns; the web reads exactly these shapes. */
export type RoundState = 'upcoming' | 'open' | 'closed';

export interface SurveyRoundView {
  id: string;
  quarter: string;
  title: string;
  questions: SurveyQuestion[];
  opensAt: string;
  closesAt: string;
  state: RoundState;
}

export interface SurveyAnswerView {
  answers: Record<string, number>;
  comment: string;
  submittedAt: string;
}

/** GET /surveys/current: the round open now (null: none) and the caller's answer to it. */
export interface CurrentSurveyView {
  round: SurveyRoundView | null;
  answer: SurveyAnswerView | null;
}

export interface SurveyRoundSummary extends SurveyRoundView {
  responses: number;
}

export interface QuestionResult extends SurveyQuestion {
  /** null: no answers yet. */
  mean: number | null;
  count: number;
}

export interface DepartmentResult {
  departmentId: string | null;
  departmentName: string;
  responses: number;
  /** true below the anonymity threshold: no means are given. */
  hidden: boolean;
  /** Mean over all its answers, and per question key; null while hidden. */
  mean: number | null;
  means: Record<string, number> | null;
}

export interface SurveyResultsView {
  round: SurveyRoundSummary;
  /** Who could answer: active users with a login (and anyone else who answered). */
  eligible: number;
  /** responses ÷ eligible, 0–1; null when no one could answer. */
  responseRate: number | null;
  mean: number | null;
  questions: QuestionResult[];
  /** Departments with responses; those below `minResponses` are hidden. */
  departments: DepartmentResult[];
  minResponses: number;
  /** Free-text comments without names (surveys.manage only; null for others). */
  comments: string[] | null;
}
