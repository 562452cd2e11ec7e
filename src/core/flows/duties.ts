/**
 * Separation of duties as data. A rule names a step (a step kind such as `hazard.verify`, or
 * `review` for approving or rejecting a reviewed task) and a party of the record or the case the
 * person doing the step must not be (the rectifier, the rectifying department, the supervisor …),
 * optionally only for one grade. The modules say who each party is for their records; the flow
 * engine and the record's own pages ask `dutyViolation` before a step, so there is one mechanism
 * and the rules can be read, tested and extended as data.
 */
export interface DutyRule {
  id: string;
  /** A step kind (`hazard.verify`), or `review` for approving/rejecting any reviewed task. */
  step: string;
  /** The party the actor must not be; parties ending in `_department` hold department ids. */
  party: string;
  /** Only for records of this grade (重大隐患 = `major`). */
  grade?: 'major' | 'general';
  /** Shown with the 403: says which rule refused the step. */
  message: string;
  basis: string;
}

export const DUTY_RULES: readonly DutyRule[] = [
  {
    id: 'verifier-not-rectifier',
    step: 'hazard.verify',
    party: 'rectifier',
    message: '验收人不得为该隐患的整改人',
    basis: '《安全生产事故隐患排查治理暂行规定》第十八条：整改完成后由验收人员独立验收',
  },
  {
    id: 'major-verifier-not-in-rectifying-team',
    step: 'hazard.verify',
    party: 'rectifying_department',
    grade: 'major',
    message: '重大隐患的验收人不得为整改责任部门（整改队伍）的人员',
    basis: '《安全生产事故隐患排查治理暂行规定》第十八条：重大隐患治理结束后应组织评估，验收与整改分离',
  },
  {
    id: 'dispatcher-not-supervisor',
    step: 'hazard.dispatch',
    party: 'supervisor',
    message: '派发人不得同时担任同一隐患的督办人',
    basis: '重大隐患挂牌督办：督办与派发分离',
  },
  {
    id: 'reviewer-not-submitter',
    step: 'review',
    party: 'submitter',
    message: '审核人不得为任务的提交人',
    basis: '职责分离：提交与审核分离',
  },
  {
    id: 'starter-not-approving-own-department',
    step: 'review',
    party: 'starter_own_department',
    message: '协同发起人不得审核本部门的任务',
    basis: '职责分离：发起人不得审批本部门提交的成果',
  },
];

/** Who each party is for one step on one record (user ids, or department ids for `*_department`). */
export interface DutyFacts {
  grade?: string | null;
  parties: Record<string, readonly (string | null | undefined)[]>;
}

/** The first rule the actor would break by doing `step`, or null. */
export function dutyViolation(
  step: string,
  actor: { userId: string | null; departmentId: string | null },
  facts: DutyFacts,
  rules: readonly DutyRule[] = DUTY_RULES,
): DutyRule | null {
  for (const r of rules) {
    if (r.step !== step) continue;
    if (r.grade && facts.grade !== r.grade) continue;
    const members = (facts.parties[r.party] ?? []).filter((x): x is string => !!x);
    const who = r.party.endsWith('_department') ? actor.departmentId : actor.userId;
    if (who && members.includes(who)) return r;
  }
  return null;
}
