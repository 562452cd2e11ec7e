import { refreshIfChanged } from '../analytics/rollup.js';
import { systemActor } from '../../platform/access.js';
import type { Work } from '../../platform/work.js';
import { addMonths, CST_OFFSET_MS, isMonth, monthEnd, monthOf, quarterOf } from '../../../core/analytics/index.js';
import type { NotificationService } from '../notifications/service.js';
import { reportPeriod, type ReportKind } from './data.js';
import { collectReport, platformInTx, renderReport, type ReportService } from './service.js';

/**
 * The scheduled reports: one durable job per tenant and month, due at 08:00 (UTC+8) on the 1st
 * of the next month. It stores the month's company report (PDF and XLSX) — and the quarter's
 * when the month closes a quarter — notifies the committee and the safety officers, and
 * schedules the next month before it does anything else, all in the job's transaction: a
 * failure rolls everything back and the queue retries it. The singleton key (tenant and month)
 * keeps one pending job per period and the archive check makes a second run a no-op.
 *
 * Every tenant gets its chain at start (index.ts: an onReady hook lists the tenants), so a
 * tenant created while the server runs gets it at the next start.
 */
export const MONTHLY_REPORT_JOB = 'reports.monthly';
export const reportJobKey = (tenantId: string, month: string) => `reports:${tenantId}:monthly:${month}`;
const RECIPIENT_ROLES = ['committee', 'safety_officer'];
const DUE_HOUR_CST = 8;

/** When the report of a month is due: 08:00 UTC+8 on the first day of the next month. */
export function reportDueAt(month: string): Date {
  return new Date(monthEnd(month).getTime() + DUE_HOUR_CST * 3600_000);
}

export async function scheduleMonthlyReport(w: Work, month: string): Promise<void> {
  await w.schedule({ name: MONTHLY_REPORT_JOB, payload: { month }, runAt: reportDueAt(month), singletonKey: reportJobKey(w.tenantId, month) });
}

/**
 * Make sure the chain runs: this month's report, due on the 1st of the next month. A tenant that
 * already existed when last month's report fell due but has none (the reports came with an
 * update) gets last month's at once. A pending job survives restarts, so a server that was down
 * at 08:00 on the 1st runs it when it is back.
 */
export async function ensureReportScheduled(w: Work, service: ReportService): Promise<string> {
  const now = w.clock.now();
  const last = addMonths(monthOf(now), -1);
  const since = await service.store.tenantCreatedAt(w.tx);
  const missed = since !== null && since < reportDueAt(last) && !(await service.store.scheduledExists(w.tx, 'monthly', last));
  const month = missed ? last : monthOf(now);
  await scheduleMonthlyReport(w, month);
  return month;
}

export async function runMonthlyReport(w: Work, payload: Record<string, unknown>, service: ReportService, notifications: NotificationService): Promise<void> {
  const month = String(payload.month);
  if (!isMonth(month)) throw new Error(`bad month in the report job: ${month}`);
  await scheduleMonthlyReport(w, addMonths(month, 1));

  const due: { kind: ReportKind; period: string }[] = [{ kind: 'monthly', period: month }];
  if (Number(month.slice(5)) % 3 === 0) due.push({ kind: 'quarterly', period: quarterOf(month) });
  // a job, not a reader: the report is made from rollups brought up to date first
  await refreshIfChanged(w.tx, w.tenantId, { wait: true });
  const p = platformInTx(service.p, w);
  const actor = systemActor(w.tenantId, 'reports');
  const made: string[] = [];
  for (const { kind, period } of due) {
    if (await service.store.scheduledExists(w.tx, kind, period)) continue;
    const data = await collectReport(p, actor, reportPeriod(kind, period), null);
    for (const format of ['pdf', 'xlsx'] as const) await service.archive(w, data, format, await renderReport(data, format), null);
    made.push(`${data.company} 安全管理${kind === 'monthly' ? '月度' : '季度'}评估报告 ${data.period.label}`);
  }
  if (!made.length) return;
  const recipients = await notifications.store.usersWithRoles(w.tx, RECIPIENT_ROLES);
  await notifications.notify(w, recipients, {
    kind: 'report.generated',
    title: `${made.map((t) => `《${t}》`).join('、')}已生成`,
    body: `报告（PDF 与 Excel）已存档，生成时间 ${new Date(w.clock.now().getTime() + CST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')}，请在“统计分析 → 评估报告”中查看。`,
    link: '/analytics/reports',
    subjectType: 'analytics_report',
    dedupeKey: `report.generated:${month}`,
  });
}
