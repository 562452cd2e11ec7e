import { fileURLToPath } from 'node:url';
import { defineModule } from '../../platform/module.js';
import { WarningService } from './service.js';
import { CapIngest } from './ingest.js';
import { FeedPoller } from './poller.js';
import { RuleService } from './rules.js';
import { SourceService } from './sources.js';
import { capRoute, warningRoutes } from './routes.js';
import { WARNING_JOBS, WARNING_UPDATED, type WarningEventPayload } from './events.js';
import { canViewWarning, mayHearWarning } from './policies.js';
import { holding } from '../../platform/files/access.js';
import type { TimerPayload } from './timers.js';

export { seedWarnings } from './demo.js';
export { WarningService } from './service.js';

/** Warning linkage (C7): CAP feeds, sensors, manual and neighbouring warnings → department instructions → answers. */
export const warningsModule = defineModule({
  name: 'warnings',
  migrations: fileURLToPath(new URL('./migrations', import.meta.url)),
  async register(p, api) {
    const service = new WarningService(p);
    // a warning's photos and its departments' measures photos are as visible as the warning
    p.fileAccess.register('warning', async (w, actor, fileId) =>
      holding(await service.store.warningsHoldingFile(w.tx, fileId), (row) => canViewWarning(actor, { status: row.status, departmentIds: row.department_ids })),
    );
    const ingest = new CapIngest(p, service.store, service.ops);
    const poller = new FeedPoller(service.store, ingest, p.outbound);
    warningRoutes(api, service, new RuleService(p, service.store), new SourceService(p, service.store));
    await capRoute(api, ingest);
    p.bus.pushTo(WARNING_UPDATED, (event, actor) => mayHearWarning(actor, event.payload as unknown as WarningEventPayload));
    p.jobs.register(WARNING_JOBS.overdue, (w, payload) => service.timers.onOverdue(w, payload as unknown as TimerPayload));
    p.jobs.register(WARNING_JOBS.escalate, (w, payload) => service.timers.onEscalate(w, payload as unknown as TimerPayload));
    p.jobs.register(WARNING_JOBS.poll, (w, payload, job) => poller.onPoll(w, payload, job));
  },
});
