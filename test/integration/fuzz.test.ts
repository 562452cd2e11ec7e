import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startTestApp, type TestApp, type Client } from '../helpers/app.js';

// Requests shaped by chance: none may produce a 5xx, and every 4xx uses the error format.
let t: TestApp;
let worker: Client;
let hazardId: string;
beforeAll(async () => {
  t = await startTestApp();
  worker = await t.login('worker');
  const ids = await t.ids();
  hazardId = (await worker.post('/api/v1/hazards', { title: 'fuzz', departmentId: ids.departments.production })).body.id;
});
afterAll(() => t?.stop());

const anyJson = fc.jsonValue({ maxDepth: 3 });
const hazardish = fc.record(
  {
    title: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
    description: fc.oneof(fc.string(), anyJson),
    departmentId: fc.oneof(fc.uuid(), fc.string()),
    areaId: fc.oneof(fc.uuid(), fc.constant(null), fc.string()),
    equipmentId: fc.oneof(fc.uuid(), fc.constant(null)),
    photos: fc.oneof(fc.array(fc.uuid(), { maxLength: 12 }), anyJson),
    location: fc.oneof(fc.record({ lat: fc.double(), lng: fc.double() }), anyJson),
    version: fc.oneof(fc.integer(), fc.string()),
    extra: anyJson,
  },
  { requiredKeys: [] },
);

function wellFormed(res: { status: number; body: any }) {
  expect(res.status).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.body?.error?.code, JSON.stringify(res.body)).toEqual(expect.any(String));
    expect(res.body.error.message).toEqual(expect.any(String));
    expect(Array.isArray(res.body.error.details)).toBe(true);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/); // no stack traces
  }
}

describe('fuzzed requests', () => {
  it('POST /hazards with arbitrary bodies', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(hazardish, anyJson), async (body) => wellFormed(await worker.post('/api/v1/hazards', body))), {
      numRuns: 300,
    });
  });

  it('PATCH /hazards/:id and GET with arbitrary ids and queries', async () => {
    await fc.assert(
      fc.asyncProperty(hazardish, fc.oneof(fc.constant(hazardId), fc.uuid(), fc.string()), fc.dictionary(fc.string(), fc.string()), async (body, id, query) => {
        wellFormed(await worker.patch(`/api/v1/hazards/${encodeURIComponent(id)}`, body));
        wellFormed(await worker.get(`/api/v1/hazards/${encodeURIComponent(id)}`));
        wellFormed(await worker.get(`/api/v1/hazards?${new URLSearchParams(query)}`));
      }),
      { numRuns: 200 },
    );
  });

  it('raw bytes with JSON and multipart content types', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('application/json', 'multipart/form-data; boundary=x', 'application/xml'), async (bytes, type) => {
        const res = await t.app.inject({
          method: 'POST',
          url: type.startsWith('multipart') ? '/api/v1/files' : '/api/v1/hazards',
          payload: Buffer.from(bytes),
          headers: { 'content-type': type, cookie: worker.cookie!, origin: 'http://localhost:3000', host: 'localhost:3000' },
        });
        wellFormed({ status: res.statusCode, body: JSON.parse(res.body) });
      }),
      { numRuns: 200 },
    );
  });
});

describe('fuzzed flow requests', () => {
  const nodeish = fc.record(
    {
      id: fc.oneof(fc.constantFrom('start', 'a', 'b', 'g', 'end'), fc.string()),
      type: fc.oneof(fc.constantFrom('start', 'task', 'gateway', 'end'), fc.string()),
      mode: fc.constantFrom('parallel', 'exclusive', 'x'),
      name: fc.string(),
      assignee: fc.oneof(fc.record({ departmentCode: fc.constantFrom('safety', '', 'nope') }), anyJson),
      deadline: fc.oneof(fc.record({ hours: fc.double() }), fc.record({ workingHours: fc.integer() }), anyJson),
      form: fc.oneof(fc.constant({ type: 'object', properties: {}, required: ['x'] }), anyJson),
      review: fc.oneof(fc.boolean(), anyJson),
    },
    { requiredKeys: ['id', 'type'] },
  );
  const edgeish = fc.record({
    id: fc.string({ minLength: 1, maxLength: 3 }).map((s) => `e${s.replace(/[^a-z]/gi, 'x')}`),
    from: fc.constantFrom('start', 'a', 'b', 'g', 'end', '?'),
    to: fc.constantFrom('start', 'a', 'b', 'g', 'end', '?'),
    when: fc.oneof(fc.constant(undefined), fc.record({ field: fc.constantFrom('data.level', 'outputs.a.x', 'bad'), op: fc.constantFrom('eq', 'gte', 'in', '??'), value: anyJson })),
  });
  const definitionish = fc.oneof(
    anyJson,
    fc.record({ nodes: fc.array(nodeish, { maxLength: 8 }), edges: fc.array(edgeish, { maxLength: 10 }), participantRules: fc.oneof(fc.constant([]), anyJson) }, { requiredKeys: ['nodes'] }),
  );

  it('template definitions: validated, never a crash', async () => {
    const safety = await t.login('safety');
    await fc.assert(
      fc.asyncProperty(definitionish, async (definition) => {
        const checked = await safety.post('/api/v1/flows/templates/validate', { definition });
        wellFormed(checked);
        if (checked.status === 400) return; // e.g. a "__proto__" key: refused by the JSON parser itself
        expect(checked.status).toBe(200);
        const saved = await safety.post('/api/v1/flows/templates', { name: 'fuzz', category: 'collaboration', subjectTypes: ['none'], definition });
        wellFormed(saved);
        expect(saved.status === 201).toBe(checked.body.ok);
      }),
      { numRuns: 250 },
    );
  });

  it('launch bodies and task outputs of any shape', async () => {
    const safety = await t.login('safety');
    const production = await t.login('production');
    const templates = (await safety.get('/api/v1/flows/templates')).body.items;
    const dust = templates.find((x: { key: string }) => x.key === 'dust-over-limit');
    const launched = await safety.post('/api/v1/flows/instances', { templateId: dust.id, title: 'fuzz', subjectType: 'none', data: { level: 2 } });
    expect(launched.status).toBe(201);
    const stop = launched.body.tasks.find((x: { key: string }) => x.key === 'stop');
    await fc.assert(
      fc.asyncProperty(
        fc.record({ templateId: fc.oneof(fc.constant(dust.id), fc.uuid()), title: fc.string(), subjectType: fc.string(), data: anyJson, tasks: anyJson }, { requiredKeys: [] }),
        fc.record({ version: fc.oneof(fc.constant(stop.version), fc.integer()), outputs: fc.oneof(anyJson, fc.dictionary(fc.constantFrom('measures', 'photos', 'x'), anyJson)) }, { requiredKeys: [] }),
        async (launch, submit) => {
          wellFormed(await safety.post('/api/v1/flows/instances', launch));
          const res = await production.post(`/api/v1/flows/tasks/${stop.id}/submit`, submit);
          wellFormed(res);
          expect(res.status).not.toBe(200); // photos must be real uploads, so no random body passes
        },
      ),
      { numRuns: 200 },
    );
  });
});
