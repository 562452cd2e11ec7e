import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import fc from 'fast-check';
import { startTestApp, type Client, type TestApp } from '../helpers/app.js';
import { seedDemo } from '../../src/server/seed/demo.js';
import { enterTenant } from '../../src/server/platform/work.js';
import { systemActor } from '../../src/server/platform/access.js';
import { currentStandards } from '../../src/server/modules/standards/index.js';
import { DEFAULT_STANDARDS, type StandardsDocument } from '../../src/core/standards/index.js';

let t: TestApp;
let ids: Awaited<ReturnType<TestApp['ids']>>;
let safety: Client;
let admin: Client;
let worker: Client;
let equipmentHead: Client;
beforeAll(async () => {
  t = await startTestApp();
  ids = await t.ids();
  [safety, admin, worker, equipmentHead] = await Promise.all([t.login('safety'), t.login('admin'), t.login('worker'), t.login('equipment')]);
});
afterAll(() => t?.stop());

const put = (c: Client, body: unknown) => c.request('PUT', '/api/v1/standards', body);
const evaluate = (c: Client, kind: string, input: unknown, extra: object = {}) => c.post('/api/v1/standards/evaluate', { kind, input, ...extra });
const docWith = (change: (d: StandardsDocument) => void): StandardsDocument => {
  const d = structuredClone(DEFAULT_STANDARDS);
  change(d);
  return d;
};
/** LS bands without 较大 (orange): 15–25 become 重大. */
const withoutOrange = docWith((d) => {
  d.ls.bands = [
    { level: 'major', min: 15, max: 25 },
    { level: 'general', min: 9, max: 12 },
    { level: 'low', min: 1, max: 8 },
  ];
});
const paths = (res: { body: any }) => (res.body?.error?.details ?? []).map((d: { path: string }) => d.path);

describe('the demo tenant starts with version 1 of the national defaults', () => {
  it('GET /standards: version 1, the default document, what the caller may do', async () => {
    const res = await worker.get('/api/v1/standards');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 1, current: true, currentVersion: 1, can: { manage: false } });
    expect(res.body.document).toEqual(DEFAULT_STANDARDS);
    expect((await safety.get('/api/v1/standards')).body.can).toEqual({ manage: true });
    const versions = await worker.get('/api/v1/standards/versions');
    expect(versions.body).toMatchObject({ current: 1, items: [{ version: 1, current: true, createdBy: null }] });
  });

  it('two demo mappings, both compatible', async () => {
    const res = await worker.get('/api/v1/standards/mappings');
    expect(res.status).toBe(200);
    expect(res.body.items.map((m: any) => [m.department.name, m.name, m.compatible, m.standardsVersion])).toEqual([
      ['设备部', '设备故障报修单', true, 1],
      ['后勤部', '消防设施巡检表', true, 1],
    ]);
  });

  it('needs a login', async () => {
    expect((await t.anonymous().get('/api/v1/standards')).status).toBe(401);
    expect((await t.anonymous().post('/api/v1/standards/evaluate', { kind: 'ls', input: { l: 1, s: 1 } })).status).toBe(401);
  });
});

describe('POST /standards/evaluate', () => {
  it('each kind → { level, color, label, score?, version }', async () => {
    const cases: [string, unknown, object][] = [
      ['lec', { l: 10, e: 6, c: 3 }, { level: 'high', color: 'orange', label: '高度危险', score: 180, version: 1 }],
      ['lec', { l: 10, e: 2, c: 1 }, { level: 'slight', color: 'blue', label: '稍有危险', score: 20, version: 1 }],
      ['ls', { l: 4, s: 5 }, { level: 'major', color: 'red', label: '重大风险', score: 20, version: 1 }],
      ['ls', { l: 3, s: 4 }, { level: 'general', color: 'yellow', label: '一般风险', score: 12, version: 1 }],
      ['hazard-grade', { potentialDeaths: 0, directLossYuan: 499_999 }, { level: 'general', color: 'yellow', label: '一般隐患', version: 1 }],
      ['hazard-grade', { potentialDeaths: 1, directLossYuan: 0 }, { level: 'major', color: 'red', label: '重大隐患', version: 1 }],
      ['hazard-grade', { potentialDeaths: 0, directLossYuan: 500_000 }, { level: 'major', color: 'red', label: '重大隐患', version: 1 }],
      ['accident-level', { deaths: 30, seriousInjuries: 0, directLossYuan: 0 }, { level: 'especially_major', color: 'red', label: '特别重大' }],
      ['accident-level', { deaths: 2, seriousInjuries: 50, directLossYuan: 0 }, { level: 'major', color: 'orange', label: '重大' }],
      ['accident-level', { deaths: 0, seriousInjuries: 0, directLossYuan: 10_000_000 }, { level: 'larger', color: 'yellow', label: '较大' }],
      ['accident-level', { deaths: 2, seriousInjuries: 9, directLossYuan: 9_999_999 }, { level: 'general', color: 'blue', label: '一般' }],
      ['weather-level', { color: 'red' }, { level: 'I', color: 'red', label: 'Ⅰ级', version: 1 }],
      ['weather-level', { color: 'blue' }, { level: 'IV', color: 'blue', label: 'Ⅳ级' }],
    ];
    for (const [kind, input, expected] of cases) {
      const res = await evaluate(worker, kind, input);
      expect(res.status, `${kind} ${JSON.stringify(input)}`).toBe(200);
      expect(res.body, `${kind} ${JSON.stringify(input)}`).toMatchObject(expected);
    }
    const grade = await evaluate(worker, 'hazard-grade', { potentialDeaths: 1, directLossYuan: 0 });
    expect(grade.body.score).toBeUndefined();
  });

  it('bad input → 422 VALIDATION_FAILED naming the field', async () => {
    const cases: [string, unknown, string[]][] = [
      ['lec', { l: 4, e: 6, c: 3 }, ['body.input.l']],
      ['lec', { l: 10, e: 6 }, ['body.input.c']],
      ['lec', { l: '10', e: 6, c: 3 }, ['body.input.l']],
      ['ls', { l: 6, s: 0 }, ['body.input.l', 'body.input.s']],
      ['ls', { l: 1, s: 1, x: 2 }, ['body.input.x']],
      ['hazard-grade', { potentialDeaths: -1, directLossYuan: 0 }, ['body.input.potentialDeaths']],
      ['hazard-grade', { potentialDeaths: 0 }, ['body.input.directLossYuan']],
      ['accident-level', { deaths: 1.5, seriousInjuries: -2, directLossYuan: 0 }, ['body.input.deaths', 'body.input.seriousInjuries']],
      ['weather-level', { color: 'green' }, ['body.input.color']],
      ['colour', { color: 'red' }, ['body.kind']],
      ['ls', 'x', ['body.input']],
    ];
    for (const [kind, input, expected] of cases) {
      const res = await evaluate(worker, kind, input);
      expect(res.status, `${kind} ${JSON.stringify(input)}`).toBe(422);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(paths(res), `${kind} ${JSON.stringify(input)}`).toEqual(expected);
      expect(res.body.error.details[0].message).toEqual(expect.any(String));
    }
    expect(paths(await worker.post('/api/v1/standards/evaluate', { kind: 'ls' }))).toEqual(['body.input']);
  });

  it('a version that does not exist → 404', async () => {
    expect((await evaluate(worker, 'ls', { l: 1, s: 1 }, { version: 99 })).status).toBe(404);
  });
});

describe('versions', () => {
  it('only the safety department and administrators edit the standards', async () => {
    for (const c of [worker, equipmentHead]) {
      const res = await put(c, { version: 1, document: DEFAULT_STANDARDS });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect((await t.login('committee').then((c) => put(c, { version: 1, document: DEFAULT_STANDARDS }))).status).toBe(403);
  });

  it('an invalid document is refused with field paths and saves nothing', async () => {
    const gap = docWith((d) => (d.ls.bands[2] = { level: 'general', min: 10, max: 12 }));
    const res = await put(safety, { version: 1, document: gap });
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual(['body.document.ls.bands']);
    expect(res.body.error.details[0].message).toContain('R = 9');

    const shape = docWith((d) => ((d.weatherLevels.levels[0] as { color: string }).color = 'green'));
    expect(paths(await put(safety, { version: 1, document: shape }))).toEqual(['body.document.weatherLevels.levels.0.color']);
    const thresholds = docWith((d) => (d.hazardGrade.major.minDeaths = 0));
    expect(paths(await put(safety, { version: 1, document: thresholds }))).toEqual(['body.document.hazardGrade.major.minDeaths']);
    expect(paths(await put(safety, { document: DEFAULT_STANDARDS }))).toEqual(['body.version']);
    expect((await safety.get('/api/v1/standards')).body.version).toBe(1);
  });

  it('an edit makes version 2; version 1 stays retrievable and evaluable', async () => {
    const stricter = docWith((d) => {
      d.hazardGrade.major.minDirectLossYuan = 300_000;
      d.ls.bands = [
        { level: 'major', min: 16, max: 25 },
        { level: 'significant', min: 12, max: 15 },
        { level: 'general', min: 6, max: 10 },
        { level: 'low', min: 1, max: 5 },
      ];
    });
    const res = await put(safety, { version: 1, document: stricter, note: '安委会 2026 年第 3 次会议决定' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 2, current: true, note: '安委会 2026 年第 3 次会议决定', createdBy: { displayName: '李建国' } });
    expect(res.body.compatibility).toEqual({ broken: [] });

    expect((await worker.get('/api/v1/standards')).body).toMatchObject({ version: 2, document: stricter });
    const v1 = await worker.get('/api/v1/standards/versions/1');
    expect(v1.body).toMatchObject({ version: 1, current: false, currentVersion: 2, document: DEFAULT_STANDARDS });
    expect((await worker.get('/api/v1/standards/versions/7')).status).toBe(404);
    expect((await worker.get('/api/v1/standards/versions')).body.items.map((v: any) => [v.version, v.current])).toEqual([
      [2, true],
      [1, false],
    ]);

    // the same input, graded by each version
    expect((await evaluate(worker, 'ls', { l: 3, s: 4 })).body).toMatchObject({ color: 'orange', score: 12, version: 2 });
    expect((await evaluate(worker, 'ls', { l: 3, s: 4 }, { version: 1 })).body).toMatchObject({ color: 'yellow', score: 12, version: 1 });
    expect((await evaluate(worker, 'hazard-grade', { potentialDeaths: 0, directLossYuan: 300_000 })).body).toMatchObject({ level: 'major', version: 2 });

    // audited with what changed and on which basis
    const audit = await t.database.owner.query<{ action: string; entity_id: string; basis: string; before: any; after: any }>(
      `SELECT action, entity_id, basis, before, after FROM audit_log WHERE tenant_id = $1 AND action = 'standards.update'`,
      [t.tenantId],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity_id: '2', basis: '安委会 2026 年第 3 次会议决定', before: { version: 1 }, after: { version: 2 } });
    expect(Object.keys(audit[0].after).sort()).toEqual(['hazardGrade', 'ls', 'version']);
  });

  it('saving on a stale version → 409 VERSION_CONFLICT', async () => {
    const res = await put(safety, { version: 1, document: DEFAULT_STANDARDS });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'VERSION_CONFLICT', details: [{ path: 'body.version', message: 'current version is 2' }] });
  });

  it('two editors saving on the same version at once: one wins, the other gets 409', async () => {
    const results = await Promise.all([put(safety, { version: 2, document: DEFAULT_STANDARDS }), put(admin, { version: 2, document: DEFAULT_STANDARDS })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.code).toBe('VERSION_CONFLICT');
    const versions = (await safety.get('/api/v1/standards/versions')).body.items.map((v: any) => v.version);
    expect(versions).toEqual([3, 2, 1]);
  });

  it('the runtime role cannot rewrite a stored version', async () => {
    const attempt = t.database.db.transaction().execute(async (tx) => {
      await enterTenant(tx, t.tenantId, null);
      await sql`UPDATE standards_versions SET note = 'x'`.execute(tx);
    });
    await expect(attempt).rejects.toThrow(/permission denied/);
  });
});

describe('department mappings and the compatibility scan', () => {
  const form = {
    fields: [
      { key: 'title', label: '问题', type: 'text', required: true },
      { key: 'level', label: '紧急程度', type: 'select', options: ['紧急', '一般', '不急'], required: true },
    ],
  };

  it('saving a mapping that cannot produce a valid unified record is refused with field paths', async () => {
    const cases: [object, string[]][] = [
      // an option without a target
      [{ title: { field: 'title' }, riskLevel: { from: 'map', field: 'level', values: { 紧急: 'major', 一般: 'general' } } }, ['body.mapping.riskLevel.values']],
      // a field the form does not have; nothing graded
      [{ title: { field: 'subject' } }, ['body.mapping.title.field', 'body.mapping']],
      // an LS value outside 1–5
      [{ title: { field: 'title' }, riskLevel: { from: 'ls', l: { value: 3 }, s: { field: 'level', values: { 紧急: 6, 一般: 3, 不急: 1 } } } }, ['body.mapping.riskLevel.s.values.紧急']],
      // a risk level that is not a level at all (shape)
      [{ title: { field: 'title' }, riskLevel: { from: 'map', field: 'level', values: { 紧急: 'purple', 一般: 'general', 不急: 'low' } } }, ['body.mapping.riskLevel.values.紧急']],
    ];
    for (const [mapping, expected] of cases) {
      const res = await safety.post('/api/v1/standards/mappings', { departmentId: ids.departments.production, name: '生产异常上报', form, mapping });
      expect(res.status, JSON.stringify(mapping)).toBe(422);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(paths(res), JSON.stringify(mapping)).toEqual(expected);
    }
    const dept = await safety.post('/api/v1/standards/mappings', {
      departmentId: '00000000-0000-4000-8000-000000000000',
      name: 'x',
      form,
      mapping: { title: { field: 'title' }, grade: { from: 'constant', value: 'general' } },
    });
    expect(paths(dept)).toEqual(['body.departmentId']);
  });

  it('a valid mapping is saved against the current version; workers may not', async () => {
    const body = {
      departmentId: ids.departments.production,
      name: '生产异常上报',
      form,
      mapping: { title: { field: 'title' }, riskLevel: { from: 'map', field: 'level', values: { 紧急: 'significant', 一般: 'general', 不急: 'low' } } },
    };
    expect((await worker.post('/api/v1/standards/mappings', body)).status).toBe(403);
    const res = await safety.post('/api/v1/standards/mappings', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: '生产异常上报', department: { name: '生产部' }, enabled: true, standardsVersion: 3, compatible: true, version: 1 });
    expect((await safety.post('/api/v1/standards/mappings', body)).status).toBe(409); // same name in the department
    const audit = await t.database.owner.query(`SELECT 1 FROM audit_log WHERE tenant_id = $1 AND action = 'standards.mapping.create' AND entity_id = $2`, [
      t.tenantId,
      res.body.id,
    ]);
    expect(audit).toHaveLength(1);
  });

  it('preview: a filled-in 设备部 fault report becomes unified hazard fields', async () => {
    const mapping = (await worker.get('/api/v1/standards/mappings')).body.items.find((m: any) => m.name === '设备故障报修单');
    const res = await equipmentHead.post(`/api/v1/standards/mappings/${mapping.id}/preview`, {
      values: { summary: '冲床离合器打滑', equipment: 'EQ-1', severity: '停机', frequency: '频繁', fatal: '是' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      standardsVersion: 3,
      fields: { title: '冲床离合器打滑', grade: { level: 'major', label: '重大隐患' }, risk: { level: 'significant', color: 'orange', method: 'ls', score: 16 } },
    });
    const bad = await equipmentHead.post(`/api/v1/standards/mappings/${mapping.id}/preview`, { values: { summary: 'x', severity: '冒烟' } });
    expect(bad.status).toBe(422);
    expect(paths(bad)).toEqual(['body.values.equipment', 'body.values.severity', 'body.values.frequency', 'body.values.fatal']);
  });

  it('a new standards version that drops 较大 breaks the fire patrol mapping; the scan lists it', async () => {
    const res = await put(safety, { version: 3, document: withoutOrange, note: '合并较大风险至重大风险' });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(4);
    expect(res.body.compatibility.broken.map((b: any) => b.name).sort()).toEqual(['消防设施巡检表', '生产异常上报']);

    expect((await worker.get('/api/v1/standards/compatibility')).status).toBe(403);
    const scan = await safety.get('/api/v1/standards/compatibility');
    expect(scan.status).toBe(200);
    expect(scan.body).toMatchObject({ standardsVersion: 4, broken: 2 });
    const byName = Object.fromEntries(scan.body.items.map((i: any) => [i.name, i]));
    expect(byName['设备故障报修单']).toMatchObject({ compatible: true, issues: [] });
    expect(byName['消防设施巡检表']).toMatchObject({ compatible: false, standardsVersion: 1, department: { name: '后勤部' } });
    expect(byName['消防设施巡检表'].issues.map((i: any) => [i.path, i.code])).toEqual([
      ['mapping.riskLevel.values.损坏', 'unknown_level'],
      ['mapping.riskLevel.values.缺失', 'unknown_level'],
    ]);
  });

  it('a broken mapping cannot be saved as it is, may be switched off, and is fixed by remapping', async () => {
    const fire = (await safety.get('/api/v1/standards/mappings')).body.items.find((m: any) => m.name === '消防设施巡检表');
    expect(fire).toMatchObject({ compatible: false, version: 1 });
    const rename = await safety.patch(`/api/v1/standards/mappings/${fire.id}`, { version: 1, name: '消防设施巡检' });
    expect(rename.status).toBe(422);
    expect(paths(rename)).toEqual(['body.mapping.riskLevel.values.损坏', 'body.mapping.riskLevel.values.缺失']);
    // a filled-in form cannot go through a broken mapping
    expect((await safety.post(`/api/v1/standards/mappings/${fire.id}/preview`, { values: { item: 'x', category: '灭火器', area: 'a', result: '缺失' } })).status).toBe(409);

    const off = await safety.patch(`/api/v1/standards/mappings/${fire.id}`, { version: 1, enabled: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ enabled: false, version: 2, standardsVersion: 1 });
    expect((await safety.get('/api/v1/standards/compatibility')).body.items.map((i: any) => i.name)).not.toContain('消防设施巡检表');

    expect((await safety.patch(`/api/v1/standards/mappings/${fire.id}`, { version: 1, enabled: true })).status).toBe(409);
    const fixed = await safety.patch(`/api/v1/standards/mappings/${fire.id}`, {
      version: 2,
      enabled: true,
      mapping: { ...fire.mapping, riskLevel: { ...fire.mapping.riskLevel, values: { ...fire.mapping.riskLevel.values, 损坏: 'major', 缺失: 'major' } } },
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ enabled: true, compatible: true, standardsVersion: 4, version: 3 });
  });
});

describe('tenant isolation', () => {
  let other: string;
  let theirs: Client;
  beforeAll(async () => {
    other = await seedDemo(t.database.db, t.clock, { code: 'other-std', name: '另一家公司', months: 1 });
    theirs = await t.login('safety', 'zhian123', 'other-std');
  });

  it('each tenant has its own versions and mappings', async () => {
    const ours = (await safety.get('/api/v1/standards')).body.version;
    expect((await theirs.get('/api/v1/standards')).body).toMatchObject({ version: 1, document: DEFAULT_STANDARDS });
    const res = await put(theirs, { version: 1, document: withoutOrange });
    expect(res.body.version).toBe(2);
    expect((await safety.get('/api/v1/standards')).body.version).toBe(ours);

    const ourMappings = (await safety.get('/api/v1/standards/mappings')).body.items.map((m: any) => m.id);
    const theirMappings = (await theirs.get('/api/v1/standards/mappings')).body.items.map((m: any) => m.id);
    expect(theirMappings).toHaveLength(2);
    expect(theirMappings.some((id: string) => ourMappings.includes(id))).toBe(false);
    expect((await theirs.get(`/api/v1/standards/mappings/${ourMappings[0]}`)).status).toBe(404);
    expect((await theirs.patch(`/api/v1/standards/mappings/${ourMappings[0]}`, { version: 1, enabled: false })).status).toBe(404);
  });

  it('row-level security keeps the rows apart even without a filter', async () => {
    const tenants = await t.database.db.transaction().execute(async (tx) => {
      await enterTenant(tx, other, null);
      const v = await sql<{ tenant_id: string }>`SELECT DISTINCT tenant_id FROM standards_versions`.execute(tx);
      const m = await sql<{ tenant_id: string }>`SELECT DISTINCT tenant_id FROM intake_mappings`.execute(tx);
      return [...v.rows, ...m.rows].map((r) => r.tenant_id);
    });
    expect(new Set(tenants)).toEqual(new Set([other]));
  });

  it('a tenant without a stored version gets version 1 from the defaults on first use', async () => {
    const [row] = await t.database.owner.query<{ id: string }>(`INSERT INTO tenants (code, name) VALUES ('bare', '空白租户') RETURNING id`);
    const first = await t.platform.run(systemActor(row.id), (w) => currentStandards(w));
    expect(first).toEqual({ version: 1, doc: DEFAULT_STANDARDS });
    const again = await t.platform.run(systemActor(row.id), (w) => currentStandards(w));
    expect(again.version).toBe(1);
    const stored = await t.database.owner.query(`SELECT version FROM standards_versions WHERE tenant_id = $1`, [row.id]);
    expect(stored).toEqual([{ version: 1 }]);
  });
});

describe('fuzzed requests never make a 5xx', () => {
  const wellFormed = (res: { status: number; body: any }) => {
    expect(res.status).toBeLessThan(500);
    if (res.status >= 400) {
      expect(res.body?.error?.code, JSON.stringify(res.body)).toEqual(expect.any(String));
      expect(Array.isArray(res.body.error.details)).toBe(true);
    }
  };
  const anyJson = fc.jsonValue({ maxDepth: 3 });
  const number = fc.oneof(fc.integer({ min: -5, max: 200 }), fc.double(), fc.constantFrom(0.1, 0.5, 10, 100, 1e8), anyJson);

  it('POST /standards/evaluate', async () => {
    const input = fc.dictionary(fc.constantFrom('l', 'e', 'c', 's', 'potentialDeaths', 'deaths', 'seriousInjuries', 'directLossYuan', 'color', 'x'), number);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom('lec', 'ls', 'hazard-grade', 'accident-level', 'weather-level'), fc.string()), fc.oneof(input, anyJson), async (kind, inp) =>
        wellFormed(await evaluate(worker, kind, inp)),
      ),
      { numRuns: 200 },
    );
  });

  it('POST /standards/mappings and PUT /standards with arbitrary bodies', async () => {
    const field = fc.record({ key: fc.oneof(fc.constantFrom('a', 'b', 'constructor'), fc.string()), label: fc.string(), type: fc.constantFrom('text', 'select', 'number', 'area', 'x'), options: fc.array(fc.string(), { maxLength: 4 }), required: fc.boolean() }, { requiredKeys: ['key', 'type'] });
    const mapping = fc.record({ title: fc.record({ field: fc.constantFrom('a', 'b') }), riskLevel: fc.oneof(anyJson, fc.record({ from: fc.constantFrom('map', 'ls', 'lec'), field: fc.constantFrom('a', 'b'), values: fc.dictionary(fc.string(), fc.oneof(fc.constantFrom('major', 'low'), number)), l: fc.record({ value: number }), s: fc.record({ field: fc.constant('b') }) }, { requiredKeys: ['from'] })) }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(fc.record({ departmentId: fc.oneof(fc.constant(ids.departments.production), fc.uuid()), name: fc.string(), form: fc.record({ fields: fc.array(field, { maxLength: 4 }) }), mapping }, { requiredKeys: [] }), async (body) =>
        wellFormed(await safety.post('/api/v1/standards/mappings', body)),
      ),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(anyJson, fc.oneof(fc.integer(), fc.string()), async (doc, version) => wellFormed(await put(safety, { version, document: doc }))),
      { numRuns: 100 },
    );
  });
});
