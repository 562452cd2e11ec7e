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
