import type { Tx } from '../../platform/work.js';
import type { ReportFormat, ReportKind } from './data.js';

export interface ArchiveFilter {
  /** undefined: every report; null: company reports only; an id: that department's only. */
  departmentId?: string | null;
  limit: number;
}

/** The SQL of the reports module: the archive of generated reports and the names a report needs. */
export class ReportStore {
  async companyName(tx: Tx): Promise<string> {
    const row = await tx.selectFrom('tenants').select('name').executeTakeFirst();
    return row?.name ?? '';
  }

  async tenantCreatedAt(tx: Tx): Promise<Date | null> {
    const row = await tx.selectFrom('tenants').select('created_at').executeTakeFirst();
    return row ? new Date(row.created_at) : null;
  }

  async departmentName(tx: Tx, id: string): Promise<string | null> {
    const row = await tx.selectFrom('departments').select('name').where('id', '=', id).executeTakeFirst();
    return row?.name ?? null;
  }

  async insertFile(tx: Tx, v: { tenantId: string; sha256: string; mime: string; size: number; name: string; createdBy: string | null }) {
    const row = await tx
      .insertInto('files')
      .values({ tenant_id: v.tenantId, sha256: v.sha256, mime: v.mime, size: v.size, original_name: v.name, width: null, height: null, thumb_sha256: null, created_by: v.createdBy })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async insertReport(tx: Tx, v: { tenantId: string; kind: ReportKind; period: string; departmentId: string | null; format: ReportFormat; fileId: string; generatedBy: string | null; at: Date }) {
    const row = await tx
      .insertInto('analytics_reports')
      .values({ tenant_id: v.tenantId, kind: v.kind, period: v.period, department_id: v.departmentId, format: v.format, file_id: v.fileId, generated_by: v.generatedBy, generated_at: v.at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Whether the scheduled job already stored this period's company report (it runs once per period). */
  async scheduledExists(tx: Tx, kind: ReportKind, period: string): Promise<boolean> {
    const row = await tx
      .selectFrom('analytics_reports')
      .select('id')
      .where('kind', '=', kind)
      .where('period', '=', period)
      .where('department_id', 'is', null)
      .where('generated_by', 'is', null)
      .executeTakeFirst();
    return !!row;
  }

  archive(tx: Tx, f: ArchiveFilter) {
    let q = tx
      .selectFrom('analytics_reports as r')
      .innerJoin('files as f', 'f.id', 'r.file_id')
      .leftJoin('departments as d', 'd.id', 'r.department_id')
      .leftJoin('users as u', 'u.id', 'r.generated_by')
      .select(['r.id', 'r.kind', 'r.period', 'r.department_id', 'd.name as department_name', 'r.format', 'r.file_id', 'f.size', 'f.original_name',
        'r.generated_by', 'u.display_name as generated_by_name', 'r.generated_at'])
      .orderBy('r.generated_at', 'desc')
      .orderBy('r.id')
      .limit(f.limit);
    if (f.departmentId === null) q = q.where('r.department_id', 'is', null);
    else if (f.departmentId !== undefined) q = q.where('r.department_id', '=', f.departmentId);
    return q.execute();
  }

  /** The generated reports stored as this file. */
  reportsHoldingFile(tx: Tx, fileId: string) {
    return tx.selectFrom('analytics_reports').select(['id', 'department_id']).where('file_id', '=', fileId).limit(20).execute();
  }

  report(tx: Tx, id: string) {
    return tx
      .selectFrom('analytics_reports as r')
      .innerJoin('files as f', 'f.id', 'r.file_id')
      .select(['r.id', 'r.department_id', 'r.format', 'f.sha256', 'f.mime', 'f.original_name'])
      .where('r.id', '=', id)
      .executeTakeFirst();
  }
}
