/** KPI names, formulas and value texts in the current language (definitions from core). */
import type { TFunction } from 'i18next';
import { formatKpi, KPIS, type KpiKey, type KpiUnit } from '../types';

export type Lang = 'zh' | 'en';
export const langOf = (language: string): Lang => (language === 'en-US' ? 'en' : 'zh');

export const kpiName = (key: KpiKey, lang: Lang) => KPIS[key].name[lang];
export const kpiFormula = (key: KpiKey, lang: Lang) => KPIS[key].formula[lang];

/** A difference between two values: percentage points for rates, the unit otherwise. */
export function formatDelta(unit: KpiUnit, delta: number, t: TFunction): string {
  const abs = Math.abs(delta);
  if (unit === 'percent') return `${abs.toFixed(1)} ${t('analytics.unit.points')}`.trim();
  return formatKpi(unit, abs);
}

export const hoursText = (h: number | null | undefined) => formatKpi('hours', h ?? null);
export const percentText = (p: number | null | undefined) => formatKpi('percent', p ?? null);
