import { describe, expect, it } from 'vitest';
import { DUTY_RULES, dutyViolation } from './duties.js';

const actor = { userId: 'u1', departmentId: 'd1' };

describe('separation of duties as data', () => {
  it('refuses the rectifier as verifier, whatever the grade', () => {
    expect(dutyViolation('hazard.verify', actor, { grade: 'general', parties: { rectifier: ['u1'] } })?.id).toBe('verifier-not-rectifier');
    expect(dutyViolation('hazard.verify', actor, { grade: 'general', parties: { rectifier: ['u2'] } })).toBeNull();
  });

  it('refuses the rectifying team as verifier of a 重大隐患 only', () => {
    const facts = { parties: { rectifier: ['u9'], rectifying_department: ['d1'] } };
    expect(dutyViolation('hazard.verify', actor, { ...facts, grade: 'major' })?.id).toBe('major-verifier-not-in-rectifying-team');
    expect(dutyViolation('hazard.verify', actor, { ...facts, grade: 'general' })).toBeNull();
  });

  it('refuses a dispatcher naming themself supervisor, and a starter reviewing their own department', () => {
    expect(dutyViolation('hazard.dispatch', actor, { parties: { supervisor: ['u1'] } })?.message).toContain('督办人');
    expect(dutyViolation('review', actor, { parties: { starter_own_department: ['d1'] } })?.id).toBe('starter-not-approving-own-department');
    expect(dutyViolation('review', actor, { parties: { submitter: ['u1'] } })?.id).toBe('reviewer-not-submitter');
    expect(dutyViolation('review', actor, { parties: { submitter: [null], starter_own_department: [] } })).toBeNull();
  });

  it('every rule cites its basis and names a step', () => {
    for (const r of DUTY_RULES) expect(r.basis.length > 4 && r.step.length > 0 && r.message.length > 4).toBe(true);
  });
});
