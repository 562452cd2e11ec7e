/**
 * The periodic, training and reporting rule sets of the unified standards through
 * POST /api/v1/standards/evaluate: typed answers with version and basis, 422 naming the field,
 * and tenants whose stored versions predate these sections getting the national defaults.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startTestApp, type Client, type TestApp } from '../helpers/app.js';
import { DEFAULT_STANDARDS, type StandardsDocument } from '../../src/core/standards/index.js';
import { systemActor } from '../../src/server/platform/access.js';
import { currentStandards, evaluateStandard } from '../../src/server/modules/standards/index.js';

let t: TestApp;
let safety: Client;
let worker: Client;
let hr: Client;
beforeAll(async () => {
  t = await startTestApp();
  [safety, worker, hr] = await Promise.all([t.login('safety'), t.login('worker'), t.login('hr')]);
});
afterAll(() => t?.stop());

const evaluate = (c: Client, kind: string, input: unknown, extra: object = {}) => c.post('/api/v1/standards/evaluate', { kind, input, ...extra });
const paths = (res: { body: any }) => (res.body?.error?.details ?? []).map((d: { path: string }) => d.path);
const NEW_SECTIONS = ['specialEquipment', 'hazardTypes', 'areaChecks', 'trainingHours', 'certificates', 'accidentReporting'];
/** A document as stored before the new sections existed. */
const firstGeneration = () => {
  const d = structuredClone(DEFAULT_STANDARDS) as Partial<StandardsDocument>;
  for (const k of NEW_SECTIONS) delete d[k as keyof StandardsDocument];
  return d;
};

describe('the new kinds answer with their own typed result, the version and the basis', () => {
  it('special-equipment-inspection', async () => {
    const res = await evaluate(worker, 'special-equipment-inspection', { equipmentType: 'elevator', lastInspection: '2024-03-31' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ nextDue: '2025-03-31', applyBy: '2025-02-28', intervalMonths: 12, basis: expect.stringContaining('第四十条'), version: 1 });
    expect((await evaluate(worker, 'special-equipment-inspection', { equipmentType: 'pressure_vessel', lastInspection: '2020-02-29', safetyGrade: 3 })).body).toMatchObject({
      nextDue: '2023-02-28',
      applyBy: '2023-01-28',
      intervalMonths: 36,
    });
    expect((await evaluate(worker, 'special-equipment-inspection', { equipmentType: 'bridge_crane', lastInspection: '2024-02-29' })).body).toMatchObject({
      nextDue: '2026-02-28',
      intervalMonths: 24,
    });
  });

  it('inspection-frequency', async () => {
    const hazards = [
      { reportedOn: '2025-01-10', type: 'electrical' },
      { reportedOn: '2025-01-03', type: 'electrical' },
    ];
    const biweekly = await evaluate(worker, 'inspection-frequency', { asOf: '2025-04-30', hazards });
    expect(biweekly.status).toBe(200);
    expect(biweekly.body).toEqual({ frequency: 'biweekly', specialItems: ['electrical'], reason: expect.stringContaining('近两次隐患均为电气类'), basis: expect.any(String), version: 1 });
    expect((await evaluate(worker, 'inspection-frequency', { asOf: '2025-05-01', hazards })).body).toMatchObject({ frequency: 'monthly', specialItems: [] });
  });

  it('hazard-type', async () => {
    const res = await evaluate(worker, 'hazard-type', { text: '二号车间配电箱电线裸露' });
    expect(res.body).toMatchObject({ type: 'electrical', label: '电气', keywords: ['电线', '配电', '电箱'], alternatives: [], version: 1 });
  });

  it('training-hours', async () => {
    expect((await evaluate(worker, 'training-hours', { role: 'safety_manager', highRisk: true, stage: 'initial' })).body).toEqual({
      minHours: 48,
      basis: expect.stringContaining('第九条'),
      version: 1,
    });
    const none = await evaluate(worker, 'training-hours', { role: 'employee', highRisk: false, stage: 'annual' });
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ minHours: null, basis: expect.stringContaining('未作规定') });
  });

  it('special-operation-certificate', async () => {
    expect((await evaluate(worker, 'special-operation-certificate', { issuedOn: '2020-02-29', lastReviewedOn: '2023-03-01' })).body).toEqual({
      expiresOn: '2026-02-28',
      nextReviewOn: '2026-02-28',
      reviewWindowStart: '2025-12-30',
      basis: expect.stringContaining('第二十二条'),
      version: 1,
    });
  });

  it('accident-reporting', async () => {
    const res = await evaluate(worker, 'accident-reporting', {
      occurredAt: '2026-03-01T09:30:00+08:00',
      headInformedAt: '2026-03-01T09:45:00+08:00',
      deaths: 1,
      seriousInjuries: 10,
      directLossYuan: 0,
      accidentType: 'fire',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      level: 'larger',
      label: '较大',
      chain: [
        { authority: 'county', by: '2026-03-01T02:45:00.000Z' },
        { authority: 'city', by: '2026-03-01T04:45:00.000Z' },
        { authority: 'province', by: '2026-03-01T06:45:00.000Z' },
      ],
      supplementsUntil: '2026-03-08T01:30:00.000Z',
      basis: expect.stringContaining('第十三条'),
      version: 1,
    });
  });

  it('the existing kinds gain the basis', async () => {
    expect((await evaluate(worker, 'ls', { l: 4, s: 5 })).body).toEqual({ level: 'major', color: 'red', label: '重大风险', score: 20, riskLevel: 'major', basis: DEFAULT_STANDARDS.ls.basis, version: 1 });
    expect((await evaluate(worker, 'accident-level', { deaths: 3, seriousInjuries: 0, directLossYuan: 0 })).body).toEqual({
      level: 'larger',
      color: 'yellow',
      label: '较大',
      basis: DEFAULT_STANDARDS.accidentLevels.basis,
      version: 1,
    });
  });

  it('the OpenAPI document types each kind’s result', async () => {
    const doc = (await t.anonymous().get('/api/v1/openapi.json')).body;
    const schema = doc.paths['/api/v1/standards/evaluate'].post.responses['200'].content['application/json'].schema;
    const options: any[] = schema.anyOf ?? schema.oneOf;
    expect(options.map((o) => o.title).sort()).toEqual(
      [
        'lec',
        'ls',
        'hazard-grade',
        'accident-level',
        'weather-level',
        'special-equipment-inspection',
        'inspection-frequency',
        'hazard-type',
        'training-hours',
        'special-operation-certificate',
        'accident-reporting',
      ].sort(),
    );
    const byTitle = Object.fromEntries(options.map((o) => [o.title, o]));
    expect(Object.keys(byTitle['special-equipment-inspection'].properties)).toEqual(['nextDue', 'applyBy', 'intervalMonths', 'basis', 'version']);
    expect(byTitle['inspection-frequency'].properties.frequency.enum).toEqual(['monthly', 'biweekly']);
    expect(byTitle['accident-reporting'].properties.chain.items.properties.authority.enum).toEqual(['county', 'city', 'province', 'state_council']);
    expect(byTitle['training-hours'].properties.minHours.anyOf ?? byTitle['training-hours'].properties.minHours.type).toBeTruthy();
  });
});

describe('bad input → 422 naming body.input.<field>', () => {
  it('each new kind', async () => {
    const tooMany = Array.from({ length: 1001 }, () => ({ reportedOn: '2025-01-01', type: 'fire' }));
    const cases: [string, unknown, string[]][] = [
      ['special-equipment-inspection', { equipmentType: 'escalator', lastInspection: '2025-01-01' }, ['body.input.equipmentType']],
      ['special-equipment-inspection', { equipmentType: 'elevator', lastInspection: '2025-02-29' }, ['body.input.lastInspection']],
      ['special-equipment-inspection', { equipmentType: 'elevator', lastInspection: '2025-01-01', safetyGrade: 2 }, ['body.input.safetyGrade']],
      ['special-equipment-inspection', { equipmentType: 'pressure_vessel', lastInspection: '2025-01-01' }, ['body.input.safetyGrade']],
      ['special-equipment-inspection', { equipmentType: 'pressure_vessel', lastInspection: '2025-01-01', safetyGrade: 4 }, ['body.input.safetyGrade']],
      ['special-equipment-inspection', { equipmentType: 'pressure_vessel', lastInspection: '2025-01-01', safetyGrade: 5 }, ['body.input.safetyGrade']],
      ['inspection-frequency', { asOf: '2025-01-01', hazards: [{ reportedOn: '2025-01-01', type: 'fire' }, { reportedOn: '2025-01-01', type: 'ghost' }] }, ['body.input.hazards.1.type']],
      ['inspection-frequency', { asOf: '2025-01-01', hazards: tooMany }, ['body.input.hazards']],
      ['inspection-frequency', { asOf: 'yesterday', hazards: [] }, ['body.input.asOf']],
      ['hazard-type', { text: 'x'.repeat(5001) }, ['body.input.text']],
      ['training-hours', { role: 'intern', highRisk: false, stage: 'initial' }, ['body.input.role']],
      ['special-operation-certificate', { issuedOn: '2022-05-10', lastReviewedOn: '2021-01-01' }, ['body.input.lastReviewedOn']],
      ['special-operation-certificate', { issuedOn: '2022-13-10' }, ['body.input.issuedOn']],
      ['accident-reporting', { occurredAt: '2026-03-01 09:30', deaths: 0, seriousInjuries: 0, directLossYuan: 0, accidentType: 'other' }, ['body.input.occurredAt']],
      [
        'accident-reporting',
        { occurredAt: '2026-03-01T09:30:00+08:00', headInformedAt: '2026-03-01T09:00:00+08:00', deaths: 0, seriousInjuries: 0, directLossYuan: 0, accidentType: 'flood' },
        ['body.input.headInformedAt', 'body.input.accidentType'],
      ],
    ];
    for (const [kind, input, expected] of cases) {
      const res = await evaluate(worker, kind, input);
      expect(res.status, `${kind} ${JSON.stringify(input).slice(0, 120)}`).toBe(422);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(paths(res).sort(), `${kind} ${JSON.stringify(input).slice(0, 120)}`).toEqual(expected.sort());
    }
  });

  it('fuzzed inputs never make a 5xx', async () => {
    const field = fc.constantFrom('equipmentType', 'lastInspection', 'safetyGrade', 'asOf', 'hazards', 'text', 'role', 'highRisk', 'stage', 'issuedOn', 'lastReviewedOn', 'exempted', 'occurredAt', 'headInformedAt', 'deaths', 'accidentType');
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom('2024-02-29', '2025-02-29', '2026-03-01T09:30:00+08:00', 'elevator', 'pressure_vessel', 'employee', 'fire', 3, 4),
      fc.array(fc.record({ reportedOn: fc.constantFrom('2025-01-01', 'x'), type: fc.constantFrom('fire', 'electrical', 'x') }), { maxLength: 5 }),
    );
    const kind = fc.constantFrom('special-equipment-inspection', 'inspection-frequency', 'hazard-type', 'training-hours', 'special-operation-certificate', 'accident-reporting');
    await fc.assert(
      fc.asyncProperty(kind, fc.dictionary(field, value), async (k, input) => {
        const res = await evaluate(worker, k, input);
        expect(res.status).toBeLessThan(500);
        if (res.status !== 200) expect(res.body.error.details.length).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
  });
});

describe('a tenant version stored before these sections existed', () => {
  it('reads complete: the missing sections are the national defaults, and they are named', async () => {
    await t.database.owner.query(`INSERT INTO standards_versions (tenant_id, version, document, note) VALUES ($1, 2, $2, '升级前保存的版本')`, [
      t.tenantId,
      JSON.stringify({ ...firstGeneration(), hazardGrade: { ...DEFAULT_STANDARDS.hazardGrade, major: { minDeaths: 1, minDirectLossYuan: 300_000 } } }),
    ]);
    const res = await worker.get('/api/v1/standards');
    expect(res.body).toMatchObject({ version: 2, defaultedSections: NEW_SECTIONS });
    expect(res.body.document.hazardGrade.major.minDirectLossYuan).toBe(300_000);
    for (const k of NEW_SECTIONS) expect(res.body.document[k], k).toEqual(DEFAULT_STANDARDS[k as keyof StandardsDocument]);
    expect((await worker.get('/api/v1/standards/versions/1')).body.defaultedSections).toEqual([]);
  });

  it('evaluates every new kind with the defaults, reporting its own version', async () => {
    expect((await evaluate(worker, 'special-equipment-inspection', { equipmentType: 'forklift', lastInspection: '2025-03-31' })).body).toMatchObject({ applyBy: '2026-02-28', version: 2 });
    expect((await evaluate(worker, 'training-hours', { role: 'employee', highRisk: true, stage: 'initial' })).body).toEqual(expect.objectContaining({ minHours: 72, version: 2 }));
    expect((await evaluate(worker, 'hazard-type', { text: '灭火器过期' })).body).toMatchObject({ type: 'fire', version: 2 });
    expect((await evaluate(worker, 'hazard-grade', { potentialDeaths: 0, directLossYuan: 300_000 })).body).toMatchObject({ level: 'major', version: 2 });
    // other modules get the same through the module's functions
    const viaModule = await t.platform.run(systemActor(t.tenantId), async (w) => ({
      current: await currentStandards(w),
      answer: await evaluateStandard(w, 'special-operation-certificate', { issuedOn: '2024-02-29' }),
    }));
    expect(viaModule.current.doc.certificates).toEqual(DEFAULT_STANDARDS.certificates);
    expect(viaModule.answer).toMatchObject({ expiresOn: '2030-02-28', nextReviewOn: '2027-02-28', version: 2 });
  });

  it('an edit that leaves the new sections out stores them as the defaults; a tenant’s own value is used from then on', async () => {
    const v2 = (await safety.get('/api/v1/standards')).body.document;
    const partial = { ...firstGeneration(), hazardGrade: v2.hazardGrade, areaChecks: { ...DEFAULT_STANDARDS.areaChecks, cleanMonths: 2 } };
    const saved = await safety.request('PUT', '/api/v1/standards', { version: 2, document: partial, note: '连续两个月无隐患即恢复' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 3, defaultedSections: [] });
    expect(saved.body.document.trainingHours).toEqual(DEFAULT_STANDARDS.trainingHours);
    const hazards = [
      { reportedOn: '2025-01-03', type: 'fire' },
      { reportedOn: '2025-01-10', type: 'fire' },
    ];
    expect((await evaluate(worker, 'inspection-frequency', { asOf: '2025-04-01', hazards })).body).toMatchObject({ frequency: 'monthly', version: 3 });
    expect((await evaluate(worker, 'inspection-frequency', { asOf: '2025-04-01', hazards }, { version: 2 })).body).toMatchObject({ frequency: 'biweekly', version: 2 });
    // only the changed section is audited
    const [audit] = await t.database.owner.query<{ after: Record<string, unknown> }>(
      `SELECT after FROM audit_log WHERE tenant_id = $1 AND action = 'standards.update' AND entity_id = '3'`,
      [t.tenantId],
    );
    expect(Object.keys(audit.after).sort()).toEqual(['areaChecks', 'version']);
  });

  it('new sections are checked for meaning like the others', async () => {
    const bad = structuredClone(DEFAULT_STANDARDS);
    bad.specialEquipment.intervals[0].intervalMonths = 0;
    bad.certificates.reviewEveryYears = 9;
    const res = await safety.request('PUT', '/api/v1/standards', { version: 3, document: bad });
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual([
      'body.document.specialEquipment.intervals.0.intervalMonths',
      'body.document.certificates.exemptedReviewEveryYears',
      'body.document.certificates.reviewEveryYears',
    ]);
    const shape = await safety.request('PUT', '/api/v1/standards', { version: 3, document: { ...DEFAULT_STANDARDS, areaChecks: { ...DEFAULT_STANDARDS.areaChecks, levels: 'monthly' } } });
    expect(paths(shape)).toEqual(['body.document.areaChecks.levels']);
  });

  it('the qualification checks flag certificates by the tenant’s expiring-soon window', async () => {
    const today = new Date(t.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const [row] = await t.database.owner.query<{ user_id: string; cert_no: string; expires_on: string }>(
      `SELECT user_id, cert_no, expires_on::text FROM employee_certificates WHERE tenant_id = $1 AND expires_on > ($2::date + 30) AND expires_on <= ($2::date + 300) ORDER BY expires_on LIMIT 1`,
      [t.tenantId, today],
    );
    expect(row).toBeDefined();
    const status = async () => (await hr.get(`/api/v1/users/${row.user_id}/certificates`)).body.items.find((c: any) => c.expiresOn === row.expires_on).status;
    expect(await status()).toBe('valid');
    const longer = structuredClone(DEFAULT_STANDARDS);
    longer.areaChecks.cleanMonths = 2;
    longer.certificates.expiringSoonDays = 300;
    expect((await safety.request('PUT', '/api/v1/standards', { version: 3, document: longer })).status).toBe(200);
    expect(await status()).toBe('expiring');
  });
});
