import { fileURLToPath } from 'node:url';
import { defineModule } from '../../platform/module.js';
import { TemplateService } from './templates.js';
import { CaseService } from './cases.js';
import { CalendarService } from './calendar-service.js';
import { flowRoutes } from './routes.js';
import { FLOW_UPDATED, type FlowEventPayload } from './events.js';
import { mayHearCase } from './policies.js';
import { TIMER_JOBS, type TimerKind } from './timers.js';

export { seedFlows } from './demo.js';

/**
 * Flow engine (C5) and cross-department collaboration (C4): versioned templates, cases whose
 * department tasks carry deadlines, outputs, reviews and extensions, and timers that remind,
 * mark overdue and escalate by themselves.
 */
export const flowsModule = defineModule({
  name: 'flows',
  migrations: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(p, api) {
    const templates = new TemplateService(p);
    const cases = new CaseService(p, templates);
    flowRoutes(api, templates, cases, new CalendarService(p));
    p.bus.pushTo(FLOW_UPDATED, (event, actor) => mayHearCase(actor, event.payload as unknown as FlowEventPayload));
    for (const kind of Object.keys(TIMER_JOBS) as TimerKind[]) {
      p.jobs.register(TIMER_JOBS[kind], (w, payload) => cases.onTimer(w, kind, payload as { instanceId: string; key: string; dueAt: string }));
    }
  },
});
