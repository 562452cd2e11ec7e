/**
 * Deadline rules for hazard rectification: when to remind, when it is overdue, whom to escalate
 * to. Major hazards (重大隐患) are supervised (挂牌督办, 原安监总局令第16号 Art. 15, 20): a named
 * supervisor, a capped deadline, earlier reminders and immediate escalation to the safety committee.
 */
export interface DeadlineRule {
  /** Longest deadline allowed at dispatch, days from dispatch. */
  maxDays: number;
  /** Reminders to the responsible department, hours before the deadline. */
  remindBeforeHours: number[];
  /** Overdue: notify the responsible person and the department head at the deadline. */
  /** Escalate to the safety committee this many hours after the deadline. */
  committeeAfterHours: number;
}

export const DEADLINE_RULES: Record<'general' | 'major', DeadlineRule> = {
  general: { maxDays: 60, remindBeforeHours: [24], committeeAfterHours: 72 },
  major: { maxDays: 30, remindBeforeHours: [72, 24], committeeAfterHours: 0 },
};

export type DeadlineStage = { kind: 'remind'; hours: number } | { kind: 'overdue' } | { kind: 'committee' };

/** Every timer a dispatched hazard needs, with when it fires. */
export function deadlineTimers(grade: 'general' | 'major', deadline: Date): { stage: DeadlineStage; at: Date }[] {
  const rule = DEADLINE_RULES[grade];
  const h = 3_600_000;
  return [
    ...rule.remindBeforeHours.map((hours) => ({ stage: { kind: 'remind', hours } as DeadlineStage, at: new Date(deadline.getTime() - hours * h) })),
    { stage: { kind: 'overdue' }, at: deadline },
    { stage: { kind: 'committee' }, at: new Date(deadline.getTime() + rule.committeeAfterHours * h + (rule.committeeAfterHours === 0 ? 1000 : 0)) },
  ];
}

export function stageKey(stage: DeadlineStage): string {
  return stage.kind === 'remind' ? `remind-${stage.hours}h` : stage.kind;
}
