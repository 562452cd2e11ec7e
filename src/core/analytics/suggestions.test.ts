import { describe, expect, it } from 'vitest';
import { isApprovalStep, proposedDeadlineHours, suggest, SUGGESTION_THRESHOLDS, type ProcessFigures, type StepFigures } from './suggestions.js';

const step = (s: Partial<StepFigures> & { step: string }): StepFigures => ({
  name: s.step,
  isApproval: false,
  count: 20,
  meanHours: 10,
  p25Hours: 5,
  p90Hours: 20,
  share: 10,
  reworkRate: null,
  responseHours: null,
  ...s,
});

const flow = (f: Partial<ProcessFigures>): ProcessFigures => ({ kind: 'flow', cycleMeanHours: 100, generalShare: 1, months: 6, steps: [], departments: [], ...f });

describe('delegate_approval', () => {
  it('fires when an approval step takes 40 % of the cycle, saving (mean − p25) × general share', () => {
    const s = suggest(
      flow({ kind: 'hazard', generalShare: 0.75, steps: [step({ step: 'assess', name: '评估定级', isApproval: true, meanHours: 50, p25Hours: 10, share: 50 })] }),
    );
    expect(s).toHaveLength(1);
    expect(s[0].rule).toBe('delegate_approval');
    expect(s[0].savingHours).toBe(30);
    expect(s[0].savingShare).toBe(30);
    expect(s[0].text.zh).toContain('现场负责人');
    expect(s[0].text.zh).toContain('一般隐患');
    expect(s[0].text.en).toContain('30 h');
    expect(s[0].evidence.zh).toContain('50%');
  });

  it('stays quiet below the threshold, for non-approval steps and for thin data', () => {
    expect(suggest(flow({ steps: [step({ step: 'a', isApproval: true, share: SUGGESTION_THRESHOLDS.approvalShare - 0.1 })] }))).toEqual([]);
    expect(suggest(flow({ steps: [step({ step: 'a', isApproval: false, share: 80 })] }))).toEqual([]);
    expect(suggest(flow({ steps: [step({ step: 'a', isApproval: true, share: 80, count: 2 })] }))).toEqual([]);
  });

  it('recognises approvals by name', () => {
    expect(isApprovalStep('安全部门审批')).toBe(true);
    expect(isApprovalStep('现场验收')).toBe(true);
    expect(isApprovalStep('评估是否停机')).toBe(true);
    expect(isApprovalStep('更换滤袋')).toBe(false);
  });
});

describe('extend_deadline_or_staff', () => {
  it('fires for a department overdue in 30 % of at least 5 tasks, proposing its p90 as the deadline', () => {
    const s = suggest(flow({ months: 2, departments: [{ departmentId: 'd1', departmentName: '设备部', tasks: 10, overdue: 4, p90Hours: 30.2 }] }));
    expect(s).toHaveLength(1);
    expect(s[0].rule).toBe('extend_deadline_or_staff');
    expect(s[0].departmentName).toBe('设备部');
    expect(s[0].text.zh).toContain('31 小时');
    expect(s[0].text.zh).toContain('每月减少约 2 次');
    expect(s[0].savingHours).toBeNull();
  });

  it('stays quiet below 30 % or with fewer than 5 tasks', () => {
    expect(suggest(flow({ departments: [{ departmentId: 'd', departmentName: 'x', tasks: 10, overdue: 2, p90Hours: 5 }] }))).toEqual([]);
    expect(suggest(flow({ departments: [{ departmentId: 'd', departmentName: 'x', tasks: 4, overdue: 4, p90Hours: 5 }] }))).toEqual([]);
  });

  it('rounds long deadlines up to whole days', () => {
    expect(proposedDeadlineHours(49)).toBe(72);
    expect(proposedDeadlineHours(0.2)).toBe(1);
  });
});

describe('reduce_rework', () => {
  it('fires at 20 % rework, saving the rework share of the step time', () => {
    const s = suggest(flow({ steps: [step({ step: 'fix', name: '整改', reworkRate: 25, meanHours: 40 })] }));
    expect(s.map((x) => x.rule)).toEqual(['reduce_rework']);
    expect(s[0].savingHours).toBe(10);
    expect(s[0].savingShare).toBe(10);
  });

  it('stays quiet below 20 %', () => {
    expect(suggest(flow({ steps: [step({ step: 'fix', reworkRate: 19.9 })] }))).toEqual([]);
  });
});

describe('speed_up_pickup', () => {
  it('fires when waiting is half the step, saving half the wait', () => {
    const s = suggest(flow({ cycleMeanHours: 30, steps: [step({ step: 'x', meanHours: 10, responseHours: 6 })] }));
    expect(s.map((x) => x.rule)).toEqual(['speed_up_pickup']);
    expect(s[0].savingHours).toBe(3);
  });

  it('does not propose savings too small to matter', () => {
    // 0.5 h of a 100 h cycle
    expect(suggest(flow({ steps: [step({ step: 'x', meanHours: 1, responseHours: 1 })] }))).toEqual([]);
    // without a cycle: under an hour
    expect(suggest(flow({ cycleMeanHours: null, steps: [step({ step: 'x', meanHours: 1, responseHours: 1 })] }))).toEqual([]);
    expect(suggest(flow({ cycleMeanHours: null, steps: [step({ step: 'x', meanHours: 4, responseHours: 3 })] }))).toHaveLength(1);
  });

  it('stays quiet below 50 %', () => {
    expect(suggest(flow({ steps: [step({ step: 'x', meanHours: 10, responseHours: 4.9 })] }))).toEqual([]);
  });
});

describe('no data', () => {
  it('suggests nothing for an empty process', () => {
    expect(suggest(flow({ cycleMeanHours: null, months: 0 }))).toEqual([]);
    expect(suggest(flow({ steps: [step({ step: 'a', isApproval: true, share: null, meanHours: null, p25Hours: null, count: 0 })] }))).toEqual([]);
  });

  it('gives no saving share without a cycle time', () => {
    const s = suggest(flow({ cycleMeanHours: null, steps: [step({ step: 'fix', reworkRate: 50 })] }));
    expect(s[0].savingShare).toBeNull();
  });

  it('orders by expected saving', () => {
    const s = suggest(flow({ cycleMeanHours: 20, steps: [step({ step: 'a', reworkRate: 20, meanHours: 10 }), step({ step: 'b', reworkRate: 50, meanHours: 10 })] }));
    expect(s.map((x) => x.step)).toEqual(['b', 'a']);
  });
});
