/**
 * One excursion of one sensor is one warning: dust crossing the yellow (≥ 8) and then the orange
 * (≥ 10) line of one sensor raises one warning whose colour rises (the rise recorded, the rules run
 * again so the departments orange brings in are instructed), at most one hazard, and it clears only
 * once the value is back below the lowest clear line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../helpers/app.js';

let t: TestApp;
let admin: Client, safety: Client;
let ids: Awaited<ReturnType<TestApp['ids']>>;

beforeAll(async () => {
  t = await startTestApp();
  ids = await t.ids();
  [admin, safety] = await Promise.all([t.login('admin'), t.login('safety')]);
});
afterAll(() => t?.stop());

const iso = (ms: number) => new Date(ms).toISOString();

async function sensorWarnings(sensorId: string) {
  return t.database.owner.query<{ id: string; color: string; cleared_at: Date | null; hazard_id: string | null; color_rises: { from: string; to: string; value: number }[] }>(
    'SELECT id::text, color, cleared_at, hazard_id::text, color_rises FROM warnings WHERE sensor_id = $1 ORDER BY created_at',
    [sensorId],
  );
}

describe('one warning per sensor excursion', () => {
  it('yellow then orange: one warning, its colour raised and recorded, new departments instructed, one hazard, cleared below the lowest clear line', async () => {
    // a rule that only orange meets: 生产部 must answer once the dust reaches orange
    const rule = await safety.post('/api/v1/warnings/rules', {
      name: '设备传感器橙色预警（测试）',
      when: { sourceKinds: ['sensor'], eventTypes: ['equipment'], minColor: 'orange' },
      instruct: [{ departmentId: ids.departments.production, instruction: '{{headline}}：停止该区域作业，人员撤离' }],
      responseHours: 1,
      escalateAfterHours: 1,
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    const eq = await t.database.owner.query<{ id: string }>(`SELECT id::text FROM equipment WHERE tenant_id = $1 ORDER BY code LIMIT 1`, [t.tenantId]);
    const created = await admin.post('/api/v1/sensors', {
      code: 'DUST-EXC-1',
      name: '打磨车间粉尘浓度',
      equipmentId: eq[0].id,
      parameter: 'dust_mg_m3',
      unit: 'mg/m³',
      thresholds: [
        { direction: 'above', limit: 8, clearAt: 7, holdSeconds: 0, color: 'yellow' },
        { direction: 'above', limit: 10, clearAt: 9, holdSeconds: 0, color: 'orange' },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const sensorId = created.body.id as string;
    const t0 = t.clock.now().getTime() - 600_000;
    const post = (values: number[], from: number) =>
      admin.post('/api/v1/sensors/readings', { readings: values.map((value, i) => ({ sensor: 'DUST-EXC-1', value, at: iso(t0 + (from + i) * 10_000) })) });

    // yellow and orange crossed within one batch, then more of the excursion in a second one
    expect((await post([6.5, 8.6, 11.5], 0)).status).toBe(202);
    expect((await post([12.6, 11.8], 3)).status).toBe(202);
    let ws = await sensorWarnings(sensorId);
    expect(ws).toHaveLength(1);
    expect(ws[0].color).toBe('orange');
    expect(ws[0].color_rises).toEqual([expect.objectContaining({ from: 'yellow', to: 'orange', value: 11.5 })]);
    expect(ws[0].hazard_id).toBeTruthy();
    const board = await safety.get(`/api/v1/warnings/${ws[0].id}`);
    expect(board.body.colorRises).toHaveLength(1);
    expect(board.body.responses.map((r: { departmentName: string }) => r.departmentName)).toContain('生产部');

    // below orange's clear line but above yellow's: still the same excursion, still orange
    expect((await post([8.5, 9.5, 8.2], 5)).status).toBe(202);
    ws = await sensorWarnings(sensorId);
    expect(ws).toHaveLength(1);
    expect(ws[0]).toMatchObject({ color: 'orange', cleared_at: null });

    // up to orange again: no new warning, no second rise (the colour did not rise)
    expect((await post([10.4], 8)).status).toBe(202);
    ws = await sensorWarnings(sensorId);
    expect(ws).toHaveLength(1);
    expect(ws[0].color_rises).toHaveLength(1);

    // below the lowest clear line (7): cleared
    expect((await post([8.1, 6.2], 9)).status).toBe(202);
    ws = await sensorWarnings(sensorId);
    expect(ws).toHaveLength(1);
    expect(ws[0].cleared_at).not.toBeNull();
    const hazards = await t.database.owner.query<{ n: string }>(`SELECT count(*) AS n FROM warnings WHERE sensor_id = $1 AND hazard_id IS NOT NULL`, [sensorId]);
    expect(Number(hazards[0].n)).toBe(1);

    // a new excursion afterwards is a new warning
    expect((await post([9.1], 11)).status).toBe(202);
    expect(await sensorWarnings(sensorId)).toHaveLength(2);
  });
});
