import { defineModule } from '../../platform/module.js';
import { systemActor } from '../../platform/access.js';
import { NotificationService } from '../notifications/service.js';
import { mayReadReport, ReportService } from './service.js';
import { holding } from '../../platform/files/access.js';
import { reportRoutes } from './routes.js';
import { ensureReportScheduled, MONTHLY_REPORT_JOB, runMonthlyReport } from './job.js';

export { ReportService } from './service.js';

/**
 * Monthly and quarterly evaluation reports (C14) as PDF and XLSX, on demand and by a scheduled
 * job; the archive lives in analytics_reports (analytics' migration), the files in the FileStore.
 */
export const reportsModule = defineModule({
  name: 'reports',
  register(p, api) {
    const service = new ReportService(p);
    // a stored report's file is as visible as the report (the company's or one department's)
    p.fileAccess.register('report', async (w, actor, fileId) =>
      holding(await service.store.reportsHoldingFile(w.tx, fileId), (r) => mayReadReport(actor, r.department_id)),
    );
    const notifications = new NotificationService(p);
    reportRoutes(api, service);
    p.jobs.register(MONTHLY_REPORT_JOB, (w, payload) => runMonthlyReport(w, payload, service, notifications));

    // Each tenant's chain of monthly jobs is made sure of at start (a tenant added later gets it at the next start).
    api.addHook('onReady', async () => {
      const tenants = await p.database.owner.query<{ id: string }>('SELECT id::text AS id FROM tenants');
      for (const t of tenants) {
        await p.run(systemActor(t.id, 'reports'), (w) => ensureReportScheduled(w, service)).catch((err) => p.log.error({ err, tenantId: t.id }, 'could not schedule the monthly report'));
      }
    });
  },
});
