/**
 * Department scores tied to use of the system (C14): how promptly, how completely and how actively
 * each department takes part in the hazard loop and in collaboration tasks. Three sub-scores on
 * 0–100, combined with weights kept as data; a department with nothing to measure gets null (shown
 * as "—", ranked last), never a made-up zero.
 *
 * - timeliness   = (tasks that did not go past their deadline + hazards rectified by their deadline)
 *                  ÷ (tasks dispatched, cancelled ones excluded + closed hazards that had a deadline)
 * - completeness = (done tasks never sent back + closed hazards with no rejected acceptance)
 *                  ÷ (done tasks + closed hazards)  — the first-pass share
 * - participation = the mean of the parts that can be measured:
 *     response  = tasks the department answered (started or submitted) ÷ tasks dispatched to it
 *     reporting = hazards of the department per member ÷ the company median of that figure,
 *                 capped at 1 (reporting at least as much as the typical department earns full marks)
 *
 * Counts are those of the period: tasks dispatched and hazards reported in it (cohorts). A
 * department with neither tasks nor hazards in the period has nothing to measure: no scores.
 */

export const SCORE_WEIGHTS = { timeliness: 40, completeness: 30, participation: 30 } as const;
export type ScoreWeights = { timeliness: number; completeness: number; participation: number };

export interface DepartmentBasis {
  departmentId: string;
  departmentName: string;
  /** Tasks dispatched to the department, cancelled ones excluded. */
  tasks: number;
  /** Of those, tasks that never went past their deadline. */
  onTime: number;
  done: number;
  /** Done without a rejection. */
  firstPass: number;
  /** Answered at least once (started or submitted). */
  responded: number;
  hazardsReported: number;
  hazardsClosed: number;
  /** Closed hazards that had a deadline. */
  hazardsWithDeadline: number;
  hazardsOnTime: number;
  /** Closed with no rejected acceptance. */
  hazardsFirstPass: number;
  /** Active members of the department. */
  members: number;
}

export interface SubScores {
  timeliness: number | null;
  completeness: number | null;
  participation: number | null;
  score: number | null;
}

const ratio = (num: number, den: number): number | null => (den > 0 ? Math.min(1, Math.max(0, num / den)) : null);
const round1 = (x: number) => Math.round(x * 10) / 10;
const to100 = (x: number | null) => (x === null ? null : round1(x * 100));

function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Hazards reported per member: the company median over departments that have members. */
export function medianReportsPerMember(all: DepartmentBasis[]): number | null {
  return median(all.filter((d) => d.members > 0).map((d) => d.hazardsReported / d.members));
}

export function reportingPart(d: DepartmentBasis, companyMedian: number | null): number | null {
  if (d.members <= 0 || companyMedian === null) return null;
  const mine = d.hazardsReported / d.members;
  if (companyMedian <= 0) return mine > 0 ? 1 : null;
  return Math.min(1, mine / companyMedian);
}

/** Weighted mean of the sub-scores present; the weights of missing ones are spread over the rest. */
export function weightedScore(s: Omit<SubScores, 'score'>, w: ScoreWeights = SCORE_WEIGHTS): number | null {
  let sum = 0;
  let weight = 0;
  for (const k of ['timeliness', 'completeness', 'participation'] as const) {
    const v = s[k];
    if (v === null) continue;
    sum += v * w[k];
    weight += w[k];
  }
  return weight > 0 ? round1(sum / weight) : null;
}

export function subScores(d: DepartmentBasis, companyMedian: number | null, w: ScoreWeights = SCORE_WEIGHTS): SubScores {
  if (d.tasks <= 0 && d.hazardsReported <= 0) return { timeliness: null, completeness: null, participation: null, score: null };
  const timeliness = to100(ratio(d.onTime + d.hazardsOnTime, d.tasks + d.hazardsWithDeadline));
  const completeness = to100(ratio(d.firstPass + d.hazardsFirstPass, d.done + d.hazardsClosed));
  const parts = [ratio(d.responded, d.tasks), reportingPart(d, companyMedian)].filter((x): x is number => x !== null);
  const participation = parts.length ? to100(parts.reduce((a, b) => a + b, 0) / parts.length) : null;
  return { timeliness, completeness, participation, score: weightedScore({ timeliness, completeness, participation }, w) };
}

/** Competition ranking (1, 2, 2, 4): higher score first, departments without a score last. */
export function rankByScore<T extends { score: number | null; departmentName: string }>(rows: T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => {
    if (a.score === null || b.score === null) return a.score === null ? (b.score === null ? a.departmentName.localeCompare(b.departmentName, 'zh') : 1) : -1;
    return b.score - a.score || a.departmentName.localeCompare(b.departmentName, 'zh');
  });
  let rank = 0;
  return sorted.map((r, i) => {
    if (i === 0 || r.score !== sorted[i - 1].score) rank = i + 1;
    return { ...r, rank };
  });
}

/** Scores of every department in one go (the median needs them all). */
export function scoreDepartments(all: DepartmentBasis[], w: ScoreWeights = SCORE_WEIGHTS): (DepartmentBasis & SubScores)[] {
  const m = medianReportsPerMember(all);
  return all.map((d) => ({ ...d, ...subScores(d, m, w) }));
}
