import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type Client } from '../helpers/app.js';

// NUL characters and unpaired surrogates cannot be stored as PostgreSQL text: they are refused
// with 422 naming the field, on every endpoint, never a 500.
let t: TestApp;
let safety: Client;
let departmentId: string;
beforeAll(async () => {
  t = await startTestApp();
  safety = await t.login('safety');
  departmentId = (await t.ids()).departments.production;
});
afterAll(async () => t?.stop());

const expectRefused = (res: { status: number; body: any }, path: string) => {
  expect(res.status).toBe(422);
  expect(res.body.error.code).toBe('VALIDATION_FAILED');
  expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
};

describe('strings that cannot be stored', () => {
  it('NUL in a body field', async () => {
    expectRefused(await safety.post('/api/v1/hazards', { title: '漏\u0000油', departmentId }), 'body.title');
  });
  it('a lone surrogate in a body field, and one nested in an array', async () => {
    expectRefused(await safety.post('/api/v1/hazards', { title: '漏油\ud800', departmentId }), 'body.title');
    expectRefused(await safety.post('/api/v1/hazards', { title: '漏油', departmentId, tags: ['ok', '\udc00x'] }), 'body.tags.1');
  });
  it('NUL and a lone surrogate in the query string', async () => {
    expectRefused(await safety.get('/api/v1/hazards?q=%00'), 'query.q');
    // a raw unpaired surrogate cannot be percent-encoded as UTF-8; a JSON-ish filter value can carry one
    expectRefused(await safety.get(`/api/v1/hazards?q=${encodeURIComponent('a')}%00b`), 'query.q');
  });
  it('an object key with NUL', async () => {
    const res = await safety.post('/api/v1/hazards', { title: '漏油', departmentId, ['x\u0000']: 1 });
    expect(res.status).toBe(422);
  });
  it('ordinary Chinese text, emoji (a valid surrogate pair) and control characters like tab still pass', async () => {
    const res = await safety.post('/api/v1/hazards', { title: '漏油 🔥\t二号车间', departmentId });
    expect(res.status).toBe(201);
  });
});
