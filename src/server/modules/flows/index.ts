import { fileURLToPath } from 'node:url';
import { defineModule } from '../../platform/module.js';
import { TemplateService } from './templates.js';
import { CaseService } from './cases.js';
import { CalendarService } from './calendar-service.js';
import { flowRoutes } from './routes.js';
import { FLOW_UPDATED, type FlowEventPayload } from './events.js';
import { mayHearCase } from './policies.js';
import { holding } from '../../platform/files/access.js';
import { TIMER_JOBS } from './timers.js';
import { followRecordSteps } from './step-kinds.js';

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
    // a comment's files are as visible as the case
    p.fileAccess.register('flow-comment', async (w, actor, fileId) =>
      holding(await cases.store.casesHoldingFile(w.tx, fileId), (id) => cases.mayRead(w, actor, id)),
    );
    flowRoutes(api, templates, cases, new CalendarService(p));
    // a step taken on a record's own page completes the waiting case task of that kind
    followRecordSteps(p, (w, actor, subject, kind) => cases.onRecordStep(w, actor, subject, kind));
    p.bus.pushTo(FLOW_UPDATED, (event, actor) => mayHearCase(actor, event.payload as unknown as FlowEventPayload));
    type TimerPayload = { instanceId: string; key: string; dueAt: string };
    p.jobs.registerBatch(TIMER_JOBS.remind, (w, jobs) => cases.onReminders(w, jobs.map((j) => j.payload as TimerPayload)));
    for (const kind of ['overdue', 'escalate'] as const) {
      p.jobs.register(TIMER_JOBS[kind], (w, payload) => cases.onTimer(w, kind, payload as TimerPayload));
    }
  },
});
