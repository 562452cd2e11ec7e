import type { Work } from '../../platform/work.js';
import { ValidationError } from '../../platform/errors.js';
import { evaluateStandard } from '../standards/index.js';

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
  version: number;
}

/**
 * Grade a hazard by the tenant's current unified standard (src/core/standards, versioned per
 * tenant). Figures the standard rates 重大隐患 cannot be graded 一般 by hand; grading up on the
 * assessor's judgement is allowed. The version used is kept with the hazard.
 */
export async function gradeHazard(
  w: Work,
  input: { grade?: 'general' | 'major'; potentialDeaths?: number; directLossYuan?: number },
): Promise<Graded> {
  const hasFigures = input.potentialDeaths !== undefined || input.directLossYuan !== undefined;
  if (!hasFigures && !input.grade) {
    throw new ValidationError('give the grade or the figures it follows from', [
      { path: 'body.grade', message: 'required without potentialDeaths / directLossYuan' },
    ]);
  }
  const byRule = await evaluateStandard(
    w,
    'hazard-grade',
    { potentialDeaths: input.potentialDeaths ?? 0, directLossYuan: input.directLossYuan ?? 0 },
    { pathPrefix: 'body' },
  );
  const ruled = byRule.level === 'major' ? 'major' : 'general';
  if (hasFigures && ruled === 'major' && input.grade === 'general') {
    throw new ValidationError(`by the unified standard (version ${byRule.version}) these figures make a 重大隐患`, [
      { path: 'body.grade', message: `cannot be graded 一般隐患: the standard rates it ${byRule.label}` },
    ]);
  }
  const grade = input.grade ?? ruled;
  return {
    grade,
    label: grade === 'major' ? '重大隐患' : '一般隐患',
    version: byRule.version,
    basis: hasFigures ? `统一标准 v${byRule.version}: ${byRule.label}` : '评估人判定',
  };
}

export async function assessRisk(w: Work, risk: RiskInput): Promise<AssessedRisk> {
  const { method, ...input } = risk;
  const r = await evaluateStandard(w, method, input, { pathPrefix: 'body.risk' });
  return { method, input, score: r.score ?? 0, label: r.label, color: r.color, version: r.version };
}
