import type { Work } from '../../platform/work.js';
import { nextQuarter, quarterAt, roundWindow } from './questions.js';
import type { SurveyStore } from './store.js';

/** The quarterly opening: one durable job per tenant and quarter, each scheduling the next when it runs. */
export const OPEN_JOB = 'surveys.open';
// singleton keys are unique across tenants, so the key names the tenant
export const openKey = (tenantId: string, quarter: string) => `surveys:open:${tenantId}:${quarter}`;

/**
 * Make sure the next round's opening is scheduled: this quarter's if it has no round yet (at its
 * opening time, or now when that has passed — a first start late in the quarter), otherwise the
 * next quarter's. Safe to call any number of times: the pending job's singleton key keeps one.
 */
export async function scheduleNextOpening(w: Work, store: SurveyStore): Promise<string> {
  const now = w.clock.now();
  let quarter = quarterAt(now);
  if (await store.roundOfQuarter(w.tx, quarter)) quarter = nextQuarter(quarter);
  const { opensAt } = roundWindow(quarter);
  await w.schedule({ name: OPEN_JOB, payload: { quarter }, runAt: opensAt > now ? opensAt : now, singletonKey: openKey(w.tenantId, quarter) });
  return quarter;
}
