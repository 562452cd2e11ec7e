import type { SurveyQuestion } from '../../platform/db/schema-analytics.js';
import { addMonths, monthEnd, monthOf, monthStart, quarterOf, quarterRange } from '../../../core/analytics/index.js';

/** The fixed questionnaire every round starts with; each round keeps its own copy, so later edits do not rewrite old results. */
export const DEFAULT_QUESTIONS: SurveyQuestion[] = [
  { key: 'q1', zh: '跨部门协同顺畅度', en: 'Cross-department collaboration' },
  { key: 'q2', zh: '隐患整改响应及时性', en: 'Timeliness of hazard rectification' },
  { key: 'q3', zh: '预警与通知的有效性', en: 'Usefulness of warnings and notifications' },
  { key: 'q4', zh: '系统易用性', en: 'Ease of use of the system' },
  { key: 'q5', zh: '安全管理整体满意度', en: 'Overall satisfaction with safety management' },
];

export const MIN_SCORE = 1;
export const MAX_SCORE = 5;
/** Departments with fewer responses are not shown on their own, so no one's answers can be singled out. */
export const MIN_DEPARTMENT_RESPONSES = 3;
export const MAX_COMMENT = 500;

export function roundTitle(quarter: string): string {
  const [y, q] = quarter.split('-Q');
  return `${y}年第${q}季度安全管理满意度调查`;
}

const OPEN_HOUR_CST = 9;

/**
 * When a quarter's round runs: it opens on the 1st of the quarter's third month at 09:00 UTC+8
 * (late enough that the quarter's work can be judged) and closes at the quarter's last second,
 * so its closes_at falls in the quarter's last month — the month the dashboard counts it in.
 */
export function roundWindow(quarter: string): { opensAt: Date; closesAt: Date } {
  const { to } = quarterRange(quarter);
  return {
    opensAt: new Date(monthStart(to).getTime() + OPEN_HOUR_CST * 3600_000),
    closesAt: new Date(monthEnd(to).getTime() - 1000),
  };
}

export function quarterAt(at: Date): string {
  return quarterOf(monthOf(at));
}

export function nextQuarter(quarter: string): string {
  return quarterOf(addMonths(quarterRange(quarter).to, 1));
}
