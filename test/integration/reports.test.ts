import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../helpers/app.js';
import { DEMO_TENANT } from '../../src/server/seed/demo-data.js';
import { addMonths, formatKpi, monthOf, quarterOf } from '../../src/core/analytics/index.js';
import { reportPeriod } from '../../src/server/modules/reports/data.js';
import { ensureReportScheduled, reportDueAt } from '../../src/server/modules/reports/job.js';
import { ReportService } from '../../src/server/modules/reports/service.js';
import { systemActor } from '../../src/server/platform/access.js';

let t: TestApp;
let safety: Client;
let head: Client;
let worker: Client;
let dept: Record<string, string>;
let users: Record<string, string>;
let lastMonth: string;
const dir = mkdtempSync(path.join(os.tmpdir(), 'zhian-reports-'));

beforeAll(async () => {
  t = await startTestApp();
  safety = await t.login('safety');
  head = await t.login('production');
  worker = await t.login('worker');
  ({ departments: dept, users } = await t.ids());
  lastMonth = addMonths(monthOf(t.clock.now()), -1);
});
afterAll(async () => {
  await t?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** GET a file as bytes (the JSON client would read it as text). */
async function download(c: Client, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { host: 'localhost:3000', cookie: c.cookie! } });
  return { status: res.statusCode, headers: res.headers, data: res.rawPayload, json: () => JSON.parse(res.body) };
}

function pdfText(pdf: Buffer): string {
  const file = path.join(dir, `r${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

async function workbook(data: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as never);
  return wb;
}

const archived = (kind: string, period: string) =>
  t.database.owner.query<{ format: string; generated_by: string | null; department_id: string | null }>(
    `SELECT format, generated_by::text, department_id::text FROM analytics_reports WHERE tenant_id = $1 AND kind = $2 AND period = $3 AND generated_by IS NULL ORDER BY format`,
    [t.tenantId, kind, period],
  );

describe('evaluation reports on demand', () => {
  it('writes the monthly PDF of the company: title, KPI names and the dashboard’s values, extractable', async () => {
    const res = await download(safety, `/api/v1/reports/monthly?month=${lastMonth}&format=pdf`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent(`安全管理月度评估报告-${lastMonth}.pdf`)}`);
    const text = pdfText(res.data);
    expect(text).toContain(`${DEMO_TENANT.name} 安全管理月度评估报告 ${reportPeriod('monthly', lastMonth).label}`);
    for (const s of ['评估范围：全公司', '隐患整改率', '按期整改率', '跨部门任务平均响应时间', '部门指标对比', '流程瓶颈与改进建议', '部门评分排名', '协同满意度', '薄弱环节']) {
      expect(text).toContain(s);
    }
    const overview = await safety.get(`/api/v1/analytics/overview?from=${lastMonth}&to=${lastMonth}`);
    expect(overview.status).toBe(200);
    const rate = overview.body.kpis.find((k: { key: string }) => k.key === 'rectification_rate');
    expect(rate.value).not.toBeNull(); // the demo's history fills last month
    expect(text).toContain(formatKpi('percent', rate.value));
  });

  it('writes the workbook with its sheets and one row per KPI', async () => {
    const res = await download(safety, `/api/v1/reports/monthly?month=${lastMonth}&format=xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = await workbook(res.data);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['指标', '趋势', '部门', '瓶颈', '评分', '满意度', '薄弱环节']);
    const kpis = wb.getWorksheet('指标')!;
    const names = kpis.getColumn(1).values.slice(2);
    expect(names).toContain('隐患整改率');
    expect(names).toContain('协同满意度');
    expect(kpis.rowCount).toBe(12);
    expect(wb.getWorksheet('趋势')!.rowCount).toBe(7);
    expect(wb.getWorksheet('部门')!.rowCount).toBeGreaterThan(2);
  });

  it('writes the quarterly report', async () => {
    const quarter = quarterOf(lastMonth);
    const pdf = await download(safety, `/api/v1/reports/quarterly?quarter=${quarter}`);
    expect(pdf.status).toBe(200);
    expect(pdfText(pdf.data)).toContain(`安全管理季度评估报告 ${reportPeriod('quarterly', quarter).label}`);
    const xlsx = await download(safety, `/api/v1/reports/quarterly?quarter=${quarter}&format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect((await workbook(xlsx.data)).getWorksheet('满意度')!.rowCount).toBe(5); // three months and the quarter
  });

  it('gives a department head only the own department’s report', async () => {
    const own = await download(head, `/api/v1/reports/monthly?month=${lastMonth}`);
    expect(own.status).toBe(200);
    const text = pdfText(own.data);
    expect(text).toContain('评估范围：生产部');
    expect(text).not.toContain('部门评分排名');
    expect((await download(head, `/api/v1/reports/monthly?month=${lastMonth}&departmentId=${dept.production}`)).status).toBe(200);
    expect((await download(head, `/api/v1/reports/monthly?month=${lastMonth}&departmentId=${dept.equipment}`)).status).toBe(403);
    // a safety officer may pick any department
    const other = await download(safety, `/api/v1/reports/monthly?month=${lastMonth}&departmentId=${dept.equipment}&format=xlsx`);
    expect(other.status).toBe(200);
    expect(decodeURIComponent(String(other.headers['content-disposition']))).toContain('设备部');
  });

  it('refuses a worker, a bad or future period and a bad format', async () => {
    expect((await download(worker, `/api/v1/reports/monthly?month=${lastMonth}`)).status).toBe(403);
    expect((await worker.get('/api/v1/reports')).status).toBe(403);
    const bad = await safety.get('/api/v1/reports/monthly?month=2026-13');
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body.error.details)).toContain('month');
    const future = await safety.get(`/api/v1/reports/monthly?month=${addMonths(monthOf(t.clock.now()), 1)}`);
    expect(future.status).toBe(422);
    expect(future.body.error.details[0].path).toContain('month');
    const format = await safety.get(`/api/v1/reports/monthly?month=${lastMonth}&format=docx`);
    expect(format.status).toBe(422);
    expect(JSON.stringify(format.body.error.details)).toContain('format');
    expect((await safety.get('/api/v1/reports/quarterly?quarter=2026-Q5')).status).toBe(422);
  });

  it('archives what was generated, newest first, in scope; stored files download', async () => {
    const all = await safety.get('/api/v1/reports');
    expect(all.status).toBe(200);
    const items = all.body.items as { id: string; generatedAt: string; departmentId: string | null; format: string; url: string; generatedBy: string | null }[];
    expect(items.length).toBeGreaterThanOrEqual(6);
    expect([...items].sort((a, b) => b.generatedAt.localeCompare(a.generatedAt)).map((i) => i.generatedAt)).toEqual(items.map((i) => i.generatedAt));
    expect(items.some((i) => i.generatedBy === users.safety)).toBe(true);
    const pdf = items.find((i) => i.format === 'pdf' && i.departmentId === null)!;
    const file = await download(safety, pdf.url);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.data.subarray(0, 5).toString()).toBe('%PDF-');

    const mine = (await head.get('/api/v1/reports')).body.items as { departmentId: string }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((i) => i.departmentId === dept.production)).toBe(true);
    expect((await download(head, pdf.url)).status).toBe(404);
  });
});

describe('the scheduled reports', () => {
  const pendingJobs = () =>
    t.database.owner.query<{ run_at: Date; payload: { month: string } }>(
      `SELECT run_at, payload FROM jobs WHERE name = 'reports.monthly' AND state = 'pending' AND tenant_id = $1`,
      [t.tenantId],
    );
  const reportNotes = () =>
    t.database.owner.query<{ user_id: string; link: string; title: string }>(
      `SELECT user_id::text, link, title FROM notifications WHERE tenant_id = $1 AND kind = 'report.generated' ORDER BY created_at`,
      [t.tenantId],
    );

  it('waits for this month’s report when the company is new: due at 08:00 (UTC+8) on the 1st of the next month', async () => {
    await t.drain();
    const pending = await pendingJobs();
    expect(pending).toHaveLength(1);
    expect(pending[0].payload.month).toBe(monthOf(t.clock.now()));
    expect(new Date(pending[0].run_at).getTime()).toBe(reportDueAt(monthOf(t.clock.now())).getTime());
    expect(reportDueAt('2026-11').toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(await archived('monthly', lastMonth)).toHaveLength(0);
  });

  it('catches up last month’s report for a company that existed then, once, and notifies the committee and the safety officers', async () => {
    await t.database.owner.query(`UPDATE tenants SET created_at = now() - interval '1 year' WHERE id = $1`, [t.tenantId]);
    const service = new ReportService(t.platform);
    expect(await t.platform.run(systemActor(t.tenantId), (w) => ensureReportScheduled(w, service))).toBe(lastMonth);
    await t.drain();
    await t.drain();
    const rows = await archived('monthly', lastMonth);
    expect(rows.map((r) => r.format)).toEqual(['pdf', 'xlsx']);
    expect(rows.every((r) => r.department_id === null)).toBe(true);
    const notes = await reportNotes();
    const to = new Set(notes.map((n) => n.user_id));
    expect(to.has(users.committee)).toBe(true);
    expect(to.has(users.safety)).toBe(true);
    expect(to.has(users.production)).toBe(false);
    expect(notes.length).toBe(to.size); // one each
    expect(notes[0].link).toBe('/analytics/reports');
    expect(notes[0].title).toContain(reportPeriod('monthly', lastMonth).label);
    // scheduling again changes nothing: the report exists, this month's job is pending once
    expect(await t.platform.run(systemActor(t.tenantId), (w) => ensureReportScheduled(w, service))).toBe(monthOf(t.clock.now()));
    await t.drain();
    expect(await archived('monthly', lastMonth)).toHaveLength(2);
    expect(await pendingJobs()).toHaveLength(1);
    // the stored files download
    const items = (await safety.get('/api/v1/reports')).body.items as { generatedBy: string | null; url: string; format: string }[];
    const scheduled = items.find((i) => i.generatedBy === null && i.format === 'xlsx')!;
    const file = await download(safety, scheduled.url);
    expect(file.status).toBe(200);
    expect((await workbook(file.data)).getWorksheet('指标')!.rowCount).toBe(12);
  });

  it('runs at 08:00 (UTC+8) on the 1st of each month, with the quarterly report when a quarter closes', async () => {
    let quarterly = false;
    for (let i = 0; i < 3 && !quarterly; i++) {
      const month = monthOf(t.clock.now());
      const due = reportDueAt(month);
      t.clock.advance(due.getTime() - t.clock.now().getTime() - 60_000);
      await t.drain();
      expect(await archived('monthly', month)).toHaveLength(0); // a minute early
      t.clock.advance(120_000);
      await t.drain();
      await t.drain();
      expect((await archived('monthly', month)).map((r) => r.format)).toEqual(['pdf', 'xlsx']);
      quarterly = Number(month.slice(5)) % 3 === 0;
      expect(await archived('quarterly', quarterOf(month))).toHaveLength(quarterly ? 2 : 0);
      const notes = await reportNotes();
      expect(notes.at(-1)!.title).toContain(reportPeriod('monthly', month).label);
      if (quarterly) expect(notes.at(-1)!.title).toContain(reportPeriod('quarterly', quarterOf(month)).label);
    }
    expect(quarterly).toBe(true);
  }, 120_000);
});
