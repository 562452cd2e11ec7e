/**
 * The hazard closed loop (隐患闭环管理), as a pure state machine shared by server and web:
 *
 *   reported 上报 ──assess 评估定级──▶ assessed ──dispatch 整改派发──▶ rectifying 整改
 *      ──submit 提交整改──▶ verifying 验收 ──pass 通过──▶ closed 销号
 *                                      └──reject 驳回 (reason)──▶ rectifying
 *
 * Grounded in 原安监总局令第16号《安全生产事故隐患排查治理暂行规定》: hazards are found and
 * reported, graded (一般/重大), rectified by the responsible unit within a deadline, and closed
 * only after acceptance (验收).
 */
export const HAZARD_STATUSES = ['reported', 'assessed', 'rectifying', 'verifying', 'closed'] as const;
export type HazardStatus = (typeof HAZARD_STATUSES)[number];

export const HAZARD_ACTIONS = ['assess', 'dispatch', 'submit', 'pass', 'reject'] as const;
export type HazardAction = (typeof HAZARD_ACTIONS)[number];

const TRANSITIONS: Record<HazardAction, { from: HazardStatus[]; to: HazardStatus }> = {
  // re-assessing an assessed, not yet dispatched hazard is allowed (a correction before work starts)
  assess: { from: ['reported', 'assessed'], to: 'assessed' },
  dispatch: { from: ['assessed'], to: 'rectifying' },
  submit: { from: ['rectifying'], to: 'verifying' },
  pass: { from: ['verifying'], to: 'closed' },
  reject: { from: ['verifying'], to: 'rectifying' },
};

export function nextStatus(status: string, action: HazardAction): HazardStatus | null {
  const t = TRANSITIONS[action];
  return t.from.includes(status as HazardStatus) ? t.to : null;
}

export function allowedActions(status: string): HazardAction[] {
  return HAZARD_ACTIONS.filter((a) => nextStatus(status, a) !== null);
}

export const STATUS_LABELS: Record<HazardStatus, string> = {
  reported: '待评估',
  assessed: '待派发',
  rectifying: '整改中',
  verifying: '待验收',
  closed: '已销号',
};

export const ACTION_LABELS: Record<HazardAction, string> = {
  assess: '评估定级',
  dispatch: '整改派发',
  submit: '提交整改',
  pass: '验收通过',
  reject: '验收驳回',
};

/** Open = not yet closed; overdue = being rectified past its deadline. */
export function isOverdue(h: { status: string; deadline: string | Date | null }, now: Date): boolean {
  return (h.status === 'rectifying' || h.status === 'assessed') && !!h.deadline && new Date(h.deadline).getTime() < now.getTime();
}
