import { defineModule } from '../../platform/module.js';
import { systemActor } from '../../platform/access.js';
import { SurveyService } from './service.js';
import { surveyRoutes } from './routes.js';
import { OPEN_JOB, scheduleNextOpening } from './job.js';
import { roundWindow } from './questions.js';

export { seedSurveys } from './demo.js';
export { satisfactionTotals, type SatisfactionTotals } from './satisfaction.js';

/**
 * Quarterly satisfaction survey (C14): rounds, answers 1–5, results by question and department.
 * Tables in analytics' migration. A round opens by itself on the 1st of each quarter's third
 * month (a durable job per tenant, each run scheduling the next); surveys.manage may open one
 * earlier by hand.
 */
export const surveysModule = defineModule({
  name: 'surveys',
  register(p, api) {
    const service = new SurveyService(p);
    surveyRoutes(api, service);

    p.jobs.register(OPEN_JOB, async (w, payload) => {
      const quarter = String(payload.quarter);
      const now = w.clock.now();
      // open() schedules the next quarter; when the round exists already (opened by hand) or the quarter is over, schedule it here
      if (now <= roundWindow(quarter).closesAt && (await service.open(w, quarter, now))) return;
      await scheduleNextOpening(w, service.store);
    });

    // Every tenant gets its chain of openings at start (a tenant created later gets it from its first round or the demo seed).
    api.addHook('onReady', async () => {
      const tenants = await p.database.owner.query<{ id: string }>('SELECT id::text AS id FROM tenants');
      for (const t of tenants) {
        await p.run(systemActor(t.id, 'surveys'), (w) => scheduleNextOpening(w, service.store)).catch((err) => p.log.error({ err, tenantId: t.id }, 'could not schedule the survey opening'));
      }
    });
  },
});
