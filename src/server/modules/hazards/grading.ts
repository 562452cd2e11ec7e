import type { Work } from '../../platform/work.js';
import { ValidationError } from '../../platform/errors.js';

export type RiskInput = { method: 'lec'; l: number; e: number; c: number } | { method: 'ls'; l: number; s: number };

export interface Graded {
  grade: 'general' | 'major';
  label: string;
  version: number;
  basis: string;
}

export interface AssessedRisk {
  method: 'lec' | 'ls';
  input: Record<string, number>;
  score: number;
  label: string;
  color: string;
}

/**
 * Grade a hazard by the tenant's unified standard. Figures the standard rates 重大 cannot be
 * graded 一般 by hand; grading up on judgement is allowed.
 */
export async function gradeHazard(
  _w: Work,
  input: { grade?: 'general' | 'major'; potentialDeaths?: number; directLossYuan?: number },
): Promise<Graded> {
  const hasFigures = input.potentialDeaths !== undefined || input.directLossYuan !== undefined;
  if (!hasFigures && !input.grade) {
    throw new ValidationError('give the grade or the figures it follows from', [
      { path: 'body.grade', message: 'required without potentialDeaths / directLossYuan' },
    ]);
  }
  // 重大隐患: may cause ≥ 1 death or ≥ 500,000 CNY direct loss (the unified default standard)
  const byRule = hasFigures && ((input.potentialDeaths ?? 0) >= 1 || (input.directLossYuan ?? 0) >= 500_000) ? 'major' : 'general';
  if (hasFigures && byRule === 'major' && input.grade === 'general') {
    throw new ValidationError('by the unified standard these figures make a 重大隐患', [
      { path: 'body.grade', message: 'cannot be graded 一般隐患: ≥ 1 death or ≥ 500,000 CNY loss is 重大隐患' },
    ]);
  }
  const grade = input.grade ?? byRule;
  return { grade, label: grade === 'major' ? '重大隐患' : '一般隐患', version: 1, basis: hasFigures ? 'unified standard' : 'assessor judgement' };
}

export async function assessRisk(_w: Work, risk: RiskInput): Promise<AssessedRisk> {
  return riskOf(risk);
}

export function riskOf(risk: RiskInput): AssessedRisk {
  if (risk.method === 'lec') {
    const d = risk.l * risk.e * risk.c;
    const [label, color] = d > 320 ? ['极其危险', 'red'] : d > 160 ? ['高度危险', 'orange'] : d > 70 ? ['显著危险', 'yellow'] : d > 20 ? ['一般危险', 'blue'] : ['稍有危险', 'blue'];
    return { method: 'lec', input: { l: risk.l, e: risk.e, c: risk.c }, score: d, label, color };
  }
  const r = risk.l * risk.s;
  const [label, color] = r >= 20 ? ['重大风险', 'red'] : r >= 15 ? ['较大风险', 'orange'] : r >= 9 ? ['一般风险', 'yellow'] : ['低风险', 'blue'];
  return { method: 'ls', input: { l: risk.l, s: risk.s }, score: r, label, color };
}
