import { can, type Actor } from '../../platform/access.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import type { Platform } from '../../platform/platform.js';
import { Work } from '../../platform/work.js';
import { monthOf } from '../../../core/analytics/index.js';
import { AnalyticsService } from '../analytics/service.js';
import { BottleneckService } from '../analytics/bottlenecks.js';
import { ScoreService } from '../analytics/scores.js';
import { satisfactionTotals } from '../surveys/satisfaction.js';
import { buildReportData, emptyReport, historyRange, reportPeriod, type ReportData, type ReportFormat, type ReportKind, type ReportPeriod } from './data.js';
// The renderers (pdfkit, ECharts, ExcelJS) load with the first report, not with the server: they
// are most of what it would otherwise import at start (P7).
const pdf = () => import('./pdf.js');
const xlsx = () => import('./xlsx.js');
import { putGenerated } from './blobs.js';
import { ReportStore } from './store.js';

export const MIME: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface ReportRequest {
  kind: ReportKind;
  period: string;
  format: ReportFormat;
  departmentId?: string;
}

export interface ReportFile {
  id: string;
  name: string;
  mime: string;
  data: Buffer;
}

export interface ArchivedReportView {
  id: string;
  kind: ReportKind;
  period: string;
  departmentId: string | null;
  departmentName: string | null;
  format: ReportFormat;
  size: number;
  name: string;
  /** null: made by the scheduled job. */
  generatedBy: string | null;
  generatedByName: string | null;
  generatedAt: string;
  url: string;
}

/**
 * Whose report the caller may have: view_all any (default the company), view_department only
 * their own department's (forced), nobody else.
 */
/** The company's reports for those who see all analytics; a department's also for those who see their own department's. */
export function mayReadReport(actor: Actor, departmentId: string | null): boolean {
  if (can(actor, 'analytics.view_all')) return true;
  return can(actor, 'analytics.view_department') && !!actor.departmentId && departmentId === actor.departmentId;
}

export function reportScope(actor: Actor, departmentId?: string | null): string | null {
  if (can(actor, 'analytics.view_all')) return departmentId ?? null;
  if (can(actor, 'analytics.view_department') && actor.departmentId) {
    if (departmentId && departmentId !== actor.departmentId) throw new ForbiddenError('only the reports of your own department');
    return actor.departmentId;
  }
  throw new ForbiddenError('missing permission analytics.view_all or analytics.view_department');
}

/** A Platform whose units of work all run in one transaction that is already open (a job's). */
export function platformInTx(p: Platform, w: Work): Platform {
  const run = async <T>(actor: Actor, fn: (work: Work) => Promise<T>): Promise<T> => {
    const work = new Work(w.tx, actor, (type) => p.bus.subscribers(type), w.clock);
    const result = await fn(work);
    await work.flush();
    return result;
  };
  return { ...p, run, read: run };
}

/** Monthly and quarterly evaluation reports: assembled from the analytics views, rendered, archived. */
export class ReportService {
  readonly store = new ReportStore();
  constructor(readonly p: Platform) {}

  /** Generate on demand for the caller's scope; the file is archived too (who asked, when). */
  async generate(actor: Actor, r: ReportRequest): Promise<ReportFile> {
    const departmentId = reportScope(actor, r.departmentId);
    const period = reportPeriod(r.kind, r.period);
    const current = monthOf(this.p.clock.now());
    if (period.range.from > current) {
      const path = r.kind === 'monthly' ? 'querystring.month' : 'querystring.quarter';
      throw new ValidationError('the period has not begun yet', [{ path, message: `must not be after ${current}` }]);
    }
    const data = await collectReport(this.p, actor, period, departmentId);
    const file = await renderReport(data, r.format);
    const id = await this.p.run(actor, (w) => this.archive(w, data, r.format, file, actor.userId));
    return { id, name: fileName(data, r.format), mime: MIME[r.format], data: file };
  }

  /** Store a rendered report: the blob, its files row and the archive row, with an audit entry. */
  async archive(w: Work, data: ReportData, format: ReportFormat, file: Buffer, generatedBy: string | null): Promise<string> {
    const sha256 = await putGenerated(this.p.files, file);
    const name = fileName(data, format);
    const fileId = await this.store.insertFile(w.tx, { tenantId: w.tenantId, sha256, mime: MIME[format], size: file.length, name, createdBy: generatedBy });
    const id = await this.store.insertReport(w.tx, {
      tenantId: w.tenantId, kind: data.period.kind, period: data.period.period, departmentId: data.scope.departmentId, format, fileId, generatedBy, at: data.generatedAt,
    });
    w.audit({ action: 'report.generate', entityType: 'analytics_report', entityId: id, after: { kind: data.period.kind, period: data.period.period, departmentId: data.scope.departmentId, format, size: file.length } });
    return id;
  }

  /** The archive, newest first: view_all sees every report, a department only its own. */
  async list(actor: Actor, limit = 100): Promise<ArchivedReportView[]> {
    // Whoever opens the reports page is about to ask for one: parse the fonts meanwhile.
    setImmediate(() => void pdf().then((m) => m.warmUpRenderer(emptyReport)));
    const departmentId = can(actor, 'analytics.view_all') ? undefined : reportScope(actor);
    const rows = await this.p.run(actor, (w) => this.store.archive(w.tx, { departmentId, limit }));
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      period: r.period,
      departmentId: r.department_id,
      departmentName: r.department_name,
      format: r.format,
      size: r.size,
      name: r.original_name,
      generatedBy: r.generated_by,
      generatedByName: r.generated_by_name,
      generatedAt: new Date(r.generated_at).toISOString(),
      url: `/api/v1/reports/${r.id}/file`,
    }));
  }

  /** A stored report's file, if it is in the caller's scope (404 otherwise: its existence is not told). */
  async file(actor: Actor, id: string): Promise<ReportFile> {
    const all = can(actor, 'analytics.view_all');
    const own = all ? null : reportScope(actor);
    const row = await this.p.run(actor, (w) => this.store.report(w.tx, id));
    if (!row || (!all && row.department_id !== own)) throw new NotFoundError('report', id);
    return { id: row.id, name: row.original_name, mime: row.mime, data: await this.p.files.get(row.sha256) };
  }
}

/** Gather a report's figures from the analytics services, as `actor` (whose scope they check again). */
export async function collectReport(p: Platform, actor: Actor, period: ReportPeriod, departmentId: string | null): Promise<ReportData> {
  const names = await p.run(actor, async (w) => ({
    company: await new ReportStore().companyName(w.tx),
    department: departmentId ? await new ReportStore().departmentName(w.tx, departmentId) : null,
  }));
  if (departmentId && !names.department) throw new NotFoundError('department', departmentId);
  const q = { from: period.range.from, to: period.range.to, ...(departmentId ? { departmentId } : {}) };
  const analytics = new AnalyticsService(p);
  const overview = await analytics.overview(actor, q);
  const history = await analytics.overview(actor, { ...historyRange(period), ...(departmentId ? { departmentId } : {}) });
  // Comparisons across departments belong to the company report only (see ReportData).
  const bottlenecks = departmentId ? null : await new BottleneckService(p).analyse(actor, q);
  const scores = departmentId ? null : await new ScoreService(p).scores(actor, q);
  const satisfaction = await p.run(actor, (w) => satisfactionTotals(w.tx, w.tenantId, period.range, departmentId));
  return buildReportData({
    company: names.company,
    period,
    scope: { departmentId, name: names.department ?? '全公司' },
    generatedAt: p.clock.now(),
    overview,
    history,
    bottlenecks,
    scores,
    satisfaction,
  });
}

export function renderReport(data: ReportData, format: ReportFormat): Promise<Buffer> {
  return format === 'pdf' ? pdf().then((m) => m.renderReportPdf(data)) : xlsx().then((m) => m.renderReportXlsx(data));
}

/** 安全管理月度评估报告-2026-11[-生产一车间].pdf */
export function fileName(data: ReportData, format: ReportFormat): string {
  const kind = data.period.kind === 'monthly' ? '月度' : '季度';
  const scope = data.scope.departmentId ? `-${data.scope.name}` : '';
  return `安全管理${kind}评估报告-${data.period.period}${scope}.${format}`.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
}
