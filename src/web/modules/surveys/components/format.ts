import type { TFunction } from 'i18next';
import { formatChina } from '../../../platform/time';

/** '2026-Q4' → 2026年第4季度 / Q4 2026. */
export function quarterLabel(t: TFunction, quarter: string): string {
  const [year, q] = quarter.split('-Q');
  return t('surveys.quarter', { year, q });
}

export const SCORES = [1, 2, 3, 4, 5] as const;

export function scoreLabel(t: TFunction, score: number): string {
  return t(`surveys.scale.s${score}` as 'surveys.scale.s1');
}

export const fmtMean = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(2));
export const fmtDate = (iso: string) => formatChina(iso, 'YYYY-MM-DD');
