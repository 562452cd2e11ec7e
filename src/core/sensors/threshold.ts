/**
 * Threshold evaluation of equipment sensor readings (C7): a pure state machine per threshold.
 *
 *   normal ──beyond limit──▶ pending(since) ──still beyond after holdSeconds──▶ breached ──back past clearAt──▶ normal
 *                               └──── any reading not beyond the limit ────▶ normal
 *
 * Two rules keep a noisy signal from flapping: the hold time (a short spike is not a breach) and
 * hysteresis (a breach clears only once the value comes back past `clearAt`, e.g. above 80 clears
 * below 75), so a value hovering at the limit raises at most one breach per excursion.
 * Readings older than the last one processed are ignored: MQTT and HTTP deliveries, and two app
 * instances sharing one subscription, do not preserve order.
 */

/** The four warning colours (same vocabulary as core/warnings/levels.ts: red = level I). */
export type ThresholdColor = 'blue' | 'yellow' | 'orange' | 'red';
export type Direction = 'above' | 'below';

export interface Threshold {
  direction: Direction;
  limit: number;
  /** The value must come back past this line to clear a breach (≤ limit for 'above', ≥ limit for 'below'). */
  clearAt: number;
  /** The value must stay beyond the limit at least this long before it counts as a breach. */
  holdSeconds: number;
  color: ThresholdColor;
}

export type Phase = 'normal' | 'pending' | 'breached';

export interface ThresholdState {
  phase: Phase;
  /** Start of the current excursion beyond the limit (ms since epoch); null when normal. */
  since: number | null;
  /** Time of the last processed reading (ms since epoch). */
  lastAt: number | null;
}

export interface Reading {
  /** ms since epoch */
  at: number;
  value: number;
}

export type ThresholdEvent = 'breach' | 'clear' | null;

export const INITIAL_STATE: ThresholdState = { phase: 'normal', since: null, lastAt: null };

export function isBeyond(t: Threshold, value: number): boolean {
  return t.direction === 'above' ? value > t.limit : value < t.limit;
}

/** Back past the clear line (strictly), which ends a breach. */
export function isCleared(t: Threshold, value: number): boolean {
  return t.direction === 'above' ? value < t.clearAt : value > t.clearAt;
}

/** One reading through one threshold. Pure: the caller stores the new state. */
export function step(t: Threshold, state: ThresholdState, r: Reading): { state: ThresholdState; event: ThresholdEvent } {
  if (!Number.isFinite(r.value) || !Number.isFinite(r.at)) return { state, event: null };
  if (state.lastAt !== null && r.at < state.lastAt) return { state, event: null }; // late: already past it
  const lastAt = r.at;
  switch (state.phase) {
    case 'normal':
      if (!isBeyond(t, r.value)) return { state: { phase: 'normal', since: null, lastAt }, event: null };
      if (t.holdSeconds <= 0) return { state: { phase: 'breached', since: r.at, lastAt }, event: 'breach' };
      return { state: { phase: 'pending', since: r.at, lastAt }, event: null };
    case 'pending': {
      if (!isBeyond(t, r.value)) return { state: { phase: 'normal', since: null, lastAt }, event: null };
      const since = state.since ?? r.at;
      if (r.at - since >= t.holdSeconds * 1000) return { state: { phase: 'breached', since, lastAt }, event: 'breach' };
      return { state: { phase: 'pending', since, lastAt }, event: null };
    }
    case 'breached':
      if (isCleared(t, r.value)) return { state: { phase: 'normal', since: null, lastAt }, event: 'clear' };
      return { state: { phase: 'breached', since: state.since, lastAt }, event: null };
  }
}

/** Readings through a threshold in the order given; the events with the readings that caused them. */
export function run(
  t: Threshold,
  state: ThresholdState,
  readings: readonly Reading[],
): { state: ThresholdState; events: { event: 'breach' | 'clear'; reading: Reading; since: number | null }[] } {
  const events: { event: 'breach' | 'clear'; reading: Reading; since: number | null }[] = [];
  let s = state;
  for (const r of readings) {
    const before = s;
    const out = step(t, s, r);
    s = out.state;
    if (out.event) events.push({ event: out.event, reading: r, since: out.event === 'breach' ? s.since : before.since });
  }
  return { state: s, events };
}

/** Problems with a threshold definition, as field paths under `prefix`. */
export function thresholdProblems(t: Threshold, prefix = ''): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (t.direction === 'above' && t.clearAt > t.limit) out.push({ path: `${prefix}clearAt`, message: 'must not be above the limit for an upper threshold' });
  if (t.direction === 'below' && t.clearAt < t.limit) out.push({ path: `${prefix}clearAt`, message: 'must not be below the limit for a lower threshold' });
  if (!(t.holdSeconds >= 0)) out.push({ path: `${prefix}holdSeconds`, message: 'must be 0 or more' });
  return out;
}

/** The phase shown for a sensor with several thresholds: the worst one. */
export function worstPhase(phases: readonly Phase[]): Phase {
  if (phases.includes('breached')) return 'breached';
  if (phases.includes('pending')) return 'pending';
  return 'normal';
}
