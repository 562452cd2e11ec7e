/**
 * A warning raised by hand says beforehand whom it will reach: the linkage preview names the
 * departments the rules instruct (none for an orange 危化品泄漏 in the demo), and departments chosen
 * by hand are instructed like the rules' ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../helpers/app.js';

let t: TestApp;
let safety: Client, worker: Client;
let ids: Awaited<ReturnType<TestApp['ids']>>;

beforeAll(async () => {
  t = await startTestApp();
  ids = await t.ids();
  [safety, worker] = await Promise.all([t.login('safety'), t.login('worker')]);
});
afterAll(() => t?.stop());

describe('linkage preview and departments chosen by hand', () => {
  it('the preview names the departments a 暴雨红色预警 reaches, with their deadlines and rules', async () => {
    const res = await safety.get('/api/v1/warnings/linkage-preview?sourceKind=manual&eventType=rainstorm&color=red');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rules.map((r: { name: string }) => r.name)).toEqual(['暴雨红色预警']);
    expect(res.body.departments.map((d: { departmentName: string }) => d.departmentName).sort()).toEqual(['后勤部', '安全环保部', '生产部'].sort());
    expect(res.body.departments[0]).toMatchObject({ responseHours: 4, rules: ['暴雨红色预警'] });
  });

  it('an orange 危化品泄漏 matches no rule: the preview says none, and the raised warning instructs no one', async () => {
    const res = await worker.get('/api/v1/warnings/linkage-preview?sourceKind=manual&eventType=chemical_leak&color=orange');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ rules: [], departments: [] });
    const raised = await worker.post('/api/v1/warnings', { sourceKind: 'manual', eventType: 'chemical_leak', color: 'orange', title: '储罐区异味' });
    expect(raised.status, JSON.stringify(raised.body)).toBe(201);
    expect(raised.body.responses).toEqual([]);
  });

  it('departments chosen by hand are instructed with a deadline, and the audit names the choice', async () => {
    const chosen = [ids.departments.production, ids.departments.logistics];
    const raised = await safety.post('/api/v1/warnings', { sourceKind: 'neighbour', neighbourName: '华东化工有限公司', eventType: 'chemical_leak', color: 'orange', title: '邻厂液氨泄漏', departmentIds: chosen });
    expect(raised.status, JSON.stringify(raised.body)).toBe(201);
    const responses = raised.body.responses as { departmentId: string; departmentName: string; instruction: string; dueAt: string; instructedAt: string }[];
    expect(responses.map((r) => r.departmentId).sort()).toEqual([...chosen].sort());
    expect(responses[0].instruction).toContain('邻厂液氨泄漏');
    expect(new Date(responses[0].dueAt).getTime() - new Date(responses[0].instructedAt).getTime()).toBe(2 * 3_600_000);
    expect(raised.body.loop).toBe('open');
    const audit = await t.database.owner.query<{ basis: string }>(`SELECT basis FROM audit_log WHERE action = 'warning.instructed' AND entity_id = $1`, [raised.body.id]);
    expect(audit[0].basis).toContain('发布人指定部门');
  });

  it('an unknown department or area is refused with its field path', async () => {
    const bad = await safety.post('/api/v1/warnings', { sourceKind: 'manual', eventType: 'chemical_leak', color: 'orange', title: 'x', departmentIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].path).toBe('body.departmentIds.0');
    const preview = await safety.get('/api/v1/warnings/linkage-preview?sourceKind=manual&eventType=chemical_leak&color=orange&areaId=00000000-0000-4000-8000-000000000000');
    expect(preview.status).toBe(422);
    expect(preview.body.error.details[0].path).toBe('query.areaId');
  });
});
