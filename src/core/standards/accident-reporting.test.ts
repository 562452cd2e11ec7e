import { describe, expect, it } from 'vitest';
import { DEFAULT_STANDARDS as doc } from './defaults.js';
import { evaluate, tryEvaluate } from './evaluate.js';

const AT = '2026-03-01T09:30:00+08:00'; // 01:30 UTC
const report = (input: Record<string, unknown>) =>
  evaluate('accident-reporting', { occurredAt: AT, deaths: 0, seriousInjuries: 0, directLossYuan: 0, accidentType: 'other', ...input }, doc);
const authorities = (input: Record<string, unknown>) => report(input).chain.map((c) => c.authority);
const issuesOf = (input: Record<string, unknown>) => {
  const r = tryEvaluate('accident-reporting', { occurredAt: AT, deaths: 0, seriousInjuries: 0, directLossYuan: 0, accidentType: 'other', ...input }, doc);
  return r.ok ? [] : r.issues.map((i) => i.path);
};

describe('accident-reporting (国务院令第493号 Arts. 9–13)', () => {
  it('一般: county within 1 h, the city 2 h later; supplements 30 × 24 h; times in UTC', () => {
    expect(report({ deaths: 2 })).toEqual({
      level: 'general',
      label: '一般',
      chain: [
        { authority: 'county', by: '2026-03-01T02:30:00.000Z' },
        { authority: 'city', by: '2026-03-01T04:30:00.000Z' },
      ],
      supplementsUntil: '2026-03-31T01:30:00.000Z',
      basis: expect.stringContaining('第十一条'),
    });
  });

  it('较大 adds the province, 重大 and 特别重大 the State Council, each 2 h later', () => {
    expect(report({ deaths: 3 }).chain).toEqual([
      { authority: 'county', by: '2026-03-01T02:30:00.000Z' },
      { authority: 'city', by: '2026-03-01T04:30:00.000Z' },
      { authority: 'province', by: '2026-03-01T06:30:00.000Z' },
    ]);
    const major = report({ deaths: 10 });
    expect(major).toMatchObject({ level: 'major', label: '重大' });
    expect(major.chain.at(-1)).toEqual({ authority: 'state_council', by: '2026-03-01T08:30:00.000Z' });
    expect(report({ deaths: 30 })).toMatchObject({ level: 'especially_major', label: '特别重大' });
    expect(authorities({ deaths: 30 })).toEqual(['county', 'city', 'province', 'state_council']);
  });

  it('both sides of every threshold of the accident level', () => {
    const up = ['county', 'city'];
    const province = [...up, 'province'];
    const state = [...province, 'state_council'];
    const cases: [Record<string, number>, string[]][] = [
      [{ deaths: 2 }, up],
      [{ deaths: 3 }, province],
      [{ deaths: 9 }, province],
      [{ deaths: 10 }, state],
      [{ seriousInjuries: 9 }, up],
      [{ seriousInjuries: 10 }, province],
      [{ seriousInjuries: 49 }, province],
      [{ seriousInjuries: 50 }, state],
      [{ directLossYuan: 9_999_999.99 }, up],
      [{ directLossYuan: 10_000_000 }, province],
      [{ directLossYuan: 49_999_999 }, province],
      [{ directLossYuan: 50_000_000 }, state],
    ];
    for (const [figures, chain] of cases) expect(authorities(figures), JSON.stringify(figures)).toEqual(chain);
  });

  it('the clocks start when the unit head is informed; the supplements when the accident happened', () => {
    const r = report({ headInformedAt: '2026-03-01T10:15:00+08:00', deaths: 3 });
    expect(r.chain).toEqual([
      { authority: 'county', by: '2026-03-01T03:15:00.000Z' },
      { authority: 'city', by: '2026-03-01T05:15:00.000Z' },
      { authority: 'province', by: '2026-03-01T07:15:00.000Z' },
    ]);
    expect(r.supplementsUntil).toBe('2026-03-31T01:30:00.000Z');
    expect(report({ headInformedAt: AT }).chain[0].by).toBe('2026-03-01T02:30:00.000Z');
  });

  it('road traffic and fire accidents: supplements within 7 × 24 h', () => {
    expect(report({ accidentType: 'fire' }).supplementsUntil).toBe('2026-03-08T01:30:00.000Z');
    expect(report({ accidentType: 'road_traffic' }).supplementsUntil).toBe('2026-03-08T01:30:00.000Z');
    expect(report({ accidentType: 'other' }).supplementsUntil).toBe('2026-03-31T01:30:00.000Z');
  });

  it('bad input is named', () => {
    expect(issuesOf({ occurredAt: '2026-03-01T09:30:00' })).toEqual(['occurredAt']);
    expect(issuesOf({ occurredAt: '2026-02-30T09:30:00Z' })).toEqual(['occurredAt']);
    expect(issuesOf({ headInformedAt: '2026-03-01T01:29:59Z' })).toEqual(['headInformedAt']);
    expect(issuesOf({ headInformedAt: '2026-03-01T01:30:00Z' })).toEqual([]);
    expect(issuesOf({ accidentType: 'flood', deaths: -1 })).toEqual(['deaths', 'accidentType']);
    expect(issuesOf({ seriousInjuries: 1.5, directLossYuan: 'much' })).toEqual(['seriousInjuries', 'directLossYuan']);
  });
});
