import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { INITIAL_STATE, run, step, thresholdProblems, type Reading, type Threshold } from './threshold.js';

const ABOVE: Threshold = { direction: 'above', limit: 80, clearAt: 75, holdSeconds: 30, color: 'orange' };
const T0 = Date.UTC(2026, 11, 1);

/** Readings every `stepMs` from T0 with the given values. */
const series = (values: number[], stepMs = 5_000): Reading[] => values.map((value, i) => ({ at: T0 + i * stepMs, value }));

describe('threshold state machine', () => {
  it('goes normal → pending → breached → normal with hold time and hysteresis', () => {
    const r = run({ ...ABOVE, holdSeconds: 20 }, INITIAL_STATE, series([70, 81, 82, 85, 83, 90, 79, 76, 74, 70]));
    expect(r.events.map((e) => [e.event, e.reading.value])).toEqual([
      ['breach', 90], // 81 started at +5 s; at +25 s (90) it has held 20 s
      ['clear', 74], // 79 and 76 are below the limit but not past the clear line
    ]);
    expect(r.events[0].since).toBe(T0 + 5_000);
    expect(r.state.phase).toBe('normal');
  });

  it('a spike shorter than the hold time is no breach', () => {
    expect(run(ABOVE, INITIAL_STATE, series([70, 95, 99, 97, 70, 70])).events).toEqual([]);
  });

  it('a zero hold time breaches on the first reading beyond the limit; below-thresholds mirror above', () => {
    const low: Threshold = { direction: 'below', limit: 10, clearAt: 12, holdSeconds: 0, color: 'red' };
    const r = run(low, INITIAL_STATE, series([15, 9, 11, 9, 12, 12.5]));
    expect(r.events.map((e) => e.event)).toEqual(['breach', 'clear']);
    expect(r.events[1].reading.value).toBe(12.5);
  });

  it('ignores readings older than the last one processed', () => {
    const t = { ...ABOVE, holdSeconds: 0 };
    const a = step(t, INITIAL_STATE, { at: T0 + 10_000, value: 90 });
    expect(a.event).toBe('breach');
    const late = step(t, a.state, { at: T0, value: 10 });
    expect(late.event).toBeNull();
    expect(late.state).toEqual(a.state);
  });

  it('checks threshold definitions', () => {
    expect(thresholdProblems({ ...ABOVE, clearAt: 85 }, 'thresholds.0.')).toEqual([
      { path: 'thresholds.0.clearAt', message: expect.any(String) },
    ]);
    expect(thresholdProblems(ABOVE)).toEqual([]);
  });
});

/** A threshold with a gap between the clear line and the limit, either direction. */
const thresholdArb = fc
  .record({
    direction: fc.constantFrom('above' as const, 'below' as const),
    limit: fc.integer({ min: -100, max: 100 }),
    gap: fc.integer({ min: 1, max: 20 }),
    holdSeconds: fc.integer({ min: 0, max: 120 }),
  })
  .map(({ direction, limit, gap, holdSeconds }): Threshold => ({
    direction,
    limit,
    clearAt: direction === 'above' ? limit - gap : limit + gap,
    holdSeconds,
    color: 'yellow',
  }));

/** Sign for moving "beyond" in the threshold's direction. */
const out = (t: Threshold) => (t.direction === 'above' ? 1 : -1);

describe('threshold properties', () => {
  it('a value hovering at the line never flaps: between two breaches there is a reading past the clear line', () => {
    fc.assert(
      fc.property(
        thresholdArb,
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 100, max: 20_000 }),
        (t, noise, stepMs) => {
          const gap = Math.abs(t.limit - t.clearAt);
          // hover within the band around the limit, never reaching the clear line
          const values = noise.map((n) => t.limit + n * gap * 0.99);
          const r = run(t, INITIAL_STATE, series(values, stepMs));
          expect(r.events.filter((e) => e.event === 'breach').length).toBeLessThanOrEqual(1);
          expect(r.events.filter((e) => e.event === 'clear')).toEqual([]);
        },
      ),
    );
  });

  it('exactly one breach per excursion that lasts at least the hold time, none for shorter ones', () => {
    const excursion = fc.record({ beyond: fc.boolean(), readings: fc.integer({ min: 1, max: 40 }) });
    fc.assert(
      fc.property(thresholdArb, fc.array(excursion, { minLength: 1, maxLength: 30 }), fc.integer({ min: 500, max: 10_000 }), (t, segments, stepMs) => {
        const gap = Math.abs(t.limit - t.clearAt);
        const values: number[] = [];
        let expected = 0;
        let prevBeyond = false;
        let runStart = 0;
        const closeRun = (end: number) => {
          // a run of readings beyond the limit spanning (end − start) steps
          if ((end - 1 - runStart) * stepMs >= t.holdSeconds * 1000) expected++;
        };
        for (const s of segments) {
          for (let i = 0; i < s.readings; i++) {
            if (s.beyond && !prevBeyond) runStart = values.length;
            if (!s.beyond && prevBeyond) closeRun(values.length);
            // beyond: past the limit; otherwise: past the clear line (a real return to normal)
            values.push(s.beyond ? t.limit + out(t) * (1 + (i % 3)) : t.clearAt - out(t) * (1 + gap * ((i % 2) / 2)));
            prevBeyond = s.beyond;
          }
        }
        if (prevBeyond) closeRun(values.length);
        const r = run(t, INITIAL_STATE, series(values, stepMs));
        expect(r.events.filter((e) => e.event === 'breach').length).toBe(expected);
        // events alternate breach, clear, breach …
        r.events.forEach((e, i) => expect(e.event).toBe(i % 2 === 0 ? 'breach' : 'clear'));
      }),
    );
  });

  it('shuffled delivery never produces more breaches than the clear line allows', () => {
    fc.assert(
      fc.property(thresholdArb, fc.array(fc.integer({ min: -150, max: 150 }), { minLength: 1, maxLength: 100 }), fc.infiniteStream(fc.nat()), (t, values, seeds) => {
        const readings = series(values, 1_000);
        // swap some neighbours: late deliveries
        const it = seeds[Symbol.iterator]();
        const shuffled = [...readings];
        for (let i = 1; i < shuffled.length; i++) if (it.next().value! % 4 === 0) [shuffled[i - 1], shuffled[i]] = [shuffled[i], shuffled[i - 1]];
        const r = run(t, INITIAL_STATE, shuffled);
        const clears = r.events.filter((e) => e.event === 'clear').length;
        const breaches = r.events.filter((e) => e.event === 'breach').length;
        expect(breaches - clears).toBeGreaterThanOrEqual(0);
        expect(breaches - clears).toBeLessThanOrEqual(1);
        // the state's clock never goes back
        let last = -Infinity;
        let s = INITIAL_STATE;
        for (const x of shuffled) {
          s = step(t, s, x).state;
          expect(s.lastAt!).toBeGreaterThanOrEqual(last);
          last = s.lastAt!;
        }
      }),
    );
  });
});
