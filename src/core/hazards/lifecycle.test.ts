import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allowedActions, HAZARD_ACTIONS, HAZARD_STATUSES, nextStatus, isOverdue } from './lifecycle.js';
import { deadlineTimers } from './deadlines.js';

describe('hazard closed loop', () => {
  it('follows 上报 → 评估 → 派发 → 整改 → 验收 → 销号, with reject looping back', () => {
    expect(nextStatus('reported', 'assess')).toBe('assessed');
    expect(nextStatus('assessed', 'dispatch')).toBe('rectifying');
    expect(nextStatus('rectifying', 'submit')).toBe('verifying');
    expect(nextStatus('verifying', 'reject')).toBe('rectifying');
    expect(nextStatus('verifying', 'pass')).toBe('closed');
  });

  it('refuses every other step', () => {
    expect(nextStatus('reported', 'dispatch')).toBeNull();
    expect(nextStatus('reported', 'pass')).toBeNull();
    expect(nextStatus('rectifying', 'pass')).toBeNull();
    expect(nextStatus('closed', 'reject')).toBeNull();
    expect(allowedActions('closed')).toEqual([]);
  });

  it('no sequence of actions leaves the known states, and closed is final', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...HAZARD_ACTIONS), { maxLength: 40 }), (actions) => {
        let s: string = 'reported';
        for (const a of actions) {
          const n = nextStatus(s, a);
          if (s === 'closed') expect(n).toBeNull();
          if (n) s = n;
          expect(HAZARD_STATUSES).toContain(s);
        }
      }),
    );
  });

  it('every state can still reach closed', () => {
    for (const start of HAZARD_STATUSES) {
      const seen = new Set<string>([start]);
      const queue = [start as string];
      while (queue.length) {
        const s = queue.shift()!;
        for (const a of allowedActions(s)) {
          const n = nextStatus(s, a)!;
          if (!seen.has(n)) seen.add(n), queue.push(n);
        }
      }
      expect(seen.has('closed')).toBe(true);
    }
  });

  it('is overdue only while work is open past the deadline', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    expect(isOverdue({ status: 'rectifying', deadline: '2026-11-28T11:59:59Z' }, now)).toBe(true);
    expect(isOverdue({ status: 'rectifying', deadline: '2026-11-28T12:00:01Z' }, now)).toBe(false);
    expect(isOverdue({ status: 'closed', deadline: '2026-11-01T00:00:00Z' }, now)).toBe(false);
  });

  it('schedules earlier reminders and immediate committee escalation for major hazards', () => {
    const d = new Date('2026-12-10T00:00:00Z');
    const major = deadlineTimers('major', d);
    expect(major.map((t) => t.stage.kind)).toEqual(['remind', 'remind', 'overdue', 'committee']);
    expect(major[0].at.toISOString()).toBe('2026-12-07T00:00:00.000Z');
    const general = deadlineTimers('general', d);
    expect(general.at(-1)!.at.toISOString()).toBe('2026-12-13T00:00:00.000Z');
  });
});
