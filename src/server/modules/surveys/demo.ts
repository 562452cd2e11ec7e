import type { Tx } from '../../platform/work.js';
import { insertJob } from '../../platform/work.js';
import { quarterRange } from '../../../core/analytics/index.js';
import { DEFAULT_QUESTIONS, nextQuarter, quarterAt, roundTitle, roundWindow } from './questions.js';
import { SurveyStore } from './store.js';
import { OPEN_JOB, openKey } from './job.js';

/** Deterministic pseudo-random numbers, so every demo install looks the same. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** How each department tends to answer, relative to the company (the shop floor waits longest for fixes). */
const DEPARTMENT_BIAS: Record<string, number> = {
  production: -0.3, equipment: -0.15, safety: 0.35, hr: 0.1, logistics: 0, clinic: 0.2, office: 0.15, committee: 0.25,
};
/** Per question: collaboration started lowest and improved most as cross-department flows took hold. */
const QUESTION_BIAS: Record<string, [number, number]> = {
  q1: [-0.45, 0.25], // [offset, extra rise per round]
  q2: [-0.2, 0.15],
  q3: [0.1, 0.05],
  q4: [0.25, 0],
  q5: [0, 0.05],
};
/** Base of the two past rounds and the current one (the departments' biases bring the company means to about 3.6, 3.85, 4.1). */
const ROUND_MEANS = [3.75, 3.95, 4.2];
const RESPONSE_SHARES = [0.66, 0.74];

const COMMENTS = [
  '跨部门任务有时找不到对接人，希望流程里直接显示负责人电话。',
  '隐患整改通知比以前及时多了，手机上就能看到。',
  '夜班时预警消息偶尔收到较晚，建议增加短信提醒。',
  '系统整体好用，拍照上报隐患很方便。',
  '希望整改期限能根据隐患难度调整，有些维修需要等配件。',
  '审批环节偏多，一般隐患可以让班组长直接确认。',
  '培训资料可以放到系统里，方便随时查看。',
  '安全检查比以前规范，问题处理有结果反馈。',
  '设备报修后能看到进度，这点很好。',
  '建议把常用功能放到首页，少点几次。',
  '动火作业审批能在手机上完成，节省了不少时间。',
  '希望隐患复查结果也通知到上报人。',
  '车间网络信号不好，上传照片有时失败。',
  '各部门整改标准不太统一，建议统一口径。',
  '预警联动的任务分派很清楚，知道自己该做什么。',
  '希望每月能看到本部门的隐患统计。',
];

const clampScore = (x: number) => Math.min(5, Math.max(1, Math.round(x)));

/**
 * Demo survey history: the two previous quarters' rounds, closed, answered by about two thirds
 * of the staff with means rising from about 3.6 to 3.85 and different per department; and the
 * current quarter's round, open, with a few answers — none from the accounts with a login, so a
 * tester can answer it. The next quarter's opening is scheduled like in a running system.
 */
export async function seedSurveys(tx: Tx, tenantId: string, now: Date): Promise<void> {
  const store = new SurveyStore();
  const rand = rng(2026_4);
  const users = await tx
    .selectFrom('users as u')
    .leftJoin('departments as d', 'd.id', 'u.department_id')
    .select(['u.id', 'u.department_id', 'd.code as dept', 'u.password_hash'])
    .where('u.active', '=', true)
    .orderBy('u.employee_no')
    .execute();
  const current = quarterAt(now);
  const previous = previousQuarter(previousQuarter(current));
  const quarters = [previous, previousQuarter(current), current];
  const noise = () => (rand() + rand() + rand() - 1.5) * 1.1; // roughly normal, sd ≈ 0.55

  for (const [i, quarter] of quarters.entries()) {
    const isCurrent = quarter === current;
    const window = roundWindow(quarter);
    // The current round is open whatever day the demo is loaded (at the latest it opened an hour ago).
    const opensAt = isCurrent ? new Date(Math.min(window.opensAt.getTime(), now.getTime() - 3600_000)) : window.opensAt;
    const round = await store.insertRound(tx, {
      tenant_id: tenantId,
      quarter,
      title: roundTitle(quarter),
      questions: DEFAULT_QUESTIONS,
      opens_at: opensAt,
      closes_at: window.closesAt,
      created_by: null,
      created_at: opensAt,
    });
    if (!round) continue;
    const respondents = isCurrent
      ? users.filter((u) => !u.password_hash).filter(() => rand() < 0.2)
      : users.filter(() => rand() < RESPONSE_SHARES[i]);
    const answeredUntil = isCurrent ? now.getTime() : Math.min(window.closesAt.getTime(), opensAt.getTime() + 20 * 86400_000);
    const rows = respondents.map((u) => {
      const bias = DEPARTMENT_BIAS[u.dept ?? ''] ?? 0;
      const person = noise() * 0.5; // some people answer higher across the board
      const answers = Object.fromEntries(
        DEFAULT_QUESTIONS.map((q) => {
          const [offset, rise] = QUESTION_BIAS[q.key] ?? [0, 0];
          return [q.key, clampScore(ROUND_MEANS[i] + bias + offset + rise * i + person + noise())];
        }),
      );
      const at = opensAt.getTime() + rand() * (answeredUntil - opensAt.getTime());
      return {
        tenant_id: tenantId,
        round_id: round.id,
        user_id: u.id,
        department_id: u.department_id,
        answers,
        comment: rand() < 0.25 ? COMMENTS[Math.floor(rand() * COMMENTS.length)] : '',
        submitted_at: new Date(Math.floor(at / 1000) * 1000),
      };
    });
    await store.insertResponses(tx, rows);
  }
  // The next opening, as a running system would have it after this quarter's round.
  const next = nextQuarter(current);
  await insertJob(tx, tenantId, { name: OPEN_JOB, payload: { quarter: next }, runAt: roundWindow(next).opensAt, singletonKey: openKey(tenantId, next) }, now);
}

function previousQuarter(quarter: string): string {
  const { from } = quarterRange(quarter);
  const [y, m] = from.split('-').map(Number);
  return m === 1 ? `${y - 1}-Q4` : `${y}-Q${(m - 1) / 3}`;
}
