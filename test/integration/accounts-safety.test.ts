import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, sessionCookie, type TestApp } from '../helpers/app.js';
import { connect } from '../helpers/socket.js';
import { buildApp, type BuiltApp } from '../../src/server/app.js';
import { demoMode } from '../../src/server/platform/config.js';
import { THROTTLE } from '../../src/server/platform/auth/service.js';

let t: TestApp;
let prod: BuiltApp; // the same database served with demo mode off
beforeAll(async () => {
  t = await startTestApp({ workers: true });
  prod = await buildApp({ database: t.database, clock: t.clock, logger: { level: 'silent' }, config: { dataDir: t.dataDir, workers: false, demo: false } });
  await prod.app.ready();
});
afterAll(async () => {
  await prod?.app.close();
  await t?.stop();
});

const inject = (app: BuiltApp, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  app.app.inject({ method, url, payload: payload as never, headers: { host: 'localhost:3000', origin: 'http://localhost:3000', ...headers } });

describe('demo mode', () => {
  it('is on by default for the embedded database, off with DATABASE_URL, and ZHIAN_DEMO overrides either', () => {
    expect(demoMode({})).toBe(true);
    expect(demoMode({ DATABASE_URL: 'postgres://x@h/db' })).toBe(false);
    expect(demoMode({ DATABASE_URL: 'postgres://x@h/db', ZHIAN_DEMO: '1' })).toBe(true);
    expect(demoMode({ ZHIAN_DEMO: '0' })).toBe(false);
  });

  it('outside demo mode refuses demo accounts, their sessions and tokens, and the demo CAP key', async () => {
    const res = await inject(prod, 'POST', '/api/v1/auth/login', { username: 'admin', password: 'zhian123' });
    expect(res.statusCode).toBe(403);
    expect(JSON.parse(res.body).error.code).toBe('DEMO_MODE_OFF');
    // a session and a token made while demo mode was on stop working once it is off
    const admin = await t.login('admin');
    const token = await admin.post('/api/v1/api-tokens', { name: 'demo gateway', permissions: ['hazard.report'] });
    expect((await inject(prod, 'GET', '/api/v1/me', undefined, { cookie: admin.cookie! })).statusCode).toBe(401);
    expect((await inject(prod, 'GET', '/api/v1/me', undefined, { authorization: `Bearer ${token.body.token}` })).statusCode).toBe(401);
    expect((await admin.get('/api/v1/me')).status).toBe(200); // demo mode on: still fine
    const cap = await prod.app.inject({ method: 'POST', url: '/api/v1/warnings/cap', payload: '<alert/>', headers: { 'content-type': 'application/xml', 'x-api-key': 'demo-cap-key' } });
    expect(cap.statusCode).toBe(401);
  });
});

describe('login throttling', () => {
  it('checks at most the limit of passwords when 25 wrong logins arrive at once, then delays progressively', async () => {
    const before = await t.database.owner.query<{ n: string }>("SELECT count(*)::text AS n FROM audit_log WHERE action = 'auth.login_failed' AND actor_name = 'clinic'");
    const tries = await Promise.all(
      Array.from({ length: 25 }, (_, i) => t.anonymous().post('/api/v1/auth/login', { username: 'clinic', password: `wrong-${i}` })),
    );
    const statuses = tries.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(THROTTLE.perAccountAndSource);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25 - THROTTLE.perAccountAndSource);
    const after = await t.database.owner.query<{ n: string }>("SELECT count(*)::text AS n FROM audit_log WHERE action = 'auth.login_failed' AND actor_name = 'clinic'");
    expect(Number(after[0].n) - Number(before[0].n)).toBe(THROTTLE.perAccountAndSource);
    // the administrators are told
    const alerts = await t.database.owner.query<{ title: string }>("SELECT title FROM notifications WHERE kind = 'security.login_throttled'");
    expect(alerts.some((a) => a.title.includes('clinic'))).toBe(true);
    // a delay, not a lock: after it one more try is allowed, and the next delay is longer
    const first = tries.find((r) => r.status === 429)!;
    expect(Number(first.headers['retry-after'])).toBeLessThanOrEqual(THROTTLE.baseDelayMs / 1000);
    t.clock.advance(THROTTLE.baseDelayMs + 1000);
    expect((await t.anonymous().post('/api/v1/auth/login', { username: 'clinic', password: 'wrong-again' })).status).toBe(401);
    const slower = await t.anonymous().post('/api/v1/auth/login', { username: 'clinic', password: 'zhian123' });
    expect(slower.status).toBe(429);
    expect(Number(slower.headers['retry-after'])).toBeGreaterThan(THROTTLE.baseDelayMs / 1000);
    t.clock.advance(THROTTLE.maxDelayMs + 1000);
    expect((await t.anonymous().post('/api/v1/auth/login', { username: 'clinic', password: 'zhian123' })).status).toBe(200);
  });
});

describe('API tokens', () => {
  it('a token scoped to sensors.ingest posts readings and nothing else, and stops at revocation or expiry', async () => {
    const admin = await t.login('admin');
    const sensors = (await admin.get('/api/v1/sensors')).body.items as { code: string }[];
    const code = sensors[0].code;
    const issue = (body: object) => admin.post('/api/v1/api-tokens', { name: 'gateway', permissions: ['sensors.ingest'], ...body });
    const a = await issue({});
    expect(a.status).toBe(201);
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const post = (token: string) => t.anonymous().post('/api/v1/sensors/readings', { readings: [{ sensor: code, value: 1 }] }, bearer(token));
    expect((await post(a.body.token)).status).toBe(202);
    expect((await t.anonymous().get('/api/v1/hazards', bearer(a.body.token))).status).toBe(403);
    expect((await t.anonymous().post('/api/v1/hazards', { title: 'x' }, bearer(a.body.token))).status).toBe(403);
    expect((await t.anonymous().post('/api/v1/api-tokens', { name: 'more', permissions: ['sensors.ingest'] }, bearer(a.body.token))).status).toBe(403);
    // listed with its last use; the audit names the token, not a person
    const list = await admin.get('/api/v1/api-tokens');
    const listed = list.body.items.find((x: { id: string }) => x.id === a.body.id);
    expect(listed).toMatchObject({ name: 'gateway', permissions: ['sensors.ingest'], state: 'active', lastUsedAt: expect.any(String) });
    const denied = await t.database.owner.query<{ actor_name: string }>("SELECT actor_name FROM audit_log WHERE action = 'access.denied' ORDER BY seq DESC LIMIT 1");
    expect(denied[0].actor_name).toBe('token:gateway');
    // revoked: the next request fails
    expect((await admin.post(`/api/v1/api-tokens/${a.body.id}/revoke`)).status).toBe(200);
    expect((await post(a.body.token)).status).toBe(401);
    // expired
    const b = await issue({ expiresInDays: 1 });
    expect((await post(b.body.token)).status).toBe(202);
    t.clock.advance(86_400_000 + 1000);
    expect((await post(b.body.token)).status).toBe(401);
  });

  it('refuses permissions larger than the creator holds, naming each', async () => {
    const admin = await t.login('admin');
    const res = await admin.post('/api/v1/api-tokens', { name: 'too much', permissions: ['hazard.report', 'hazard.assess', 'no.such'] });
    expect(res.status).toBe(422);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['body.permissions.1', 'body.permissions.2']);
  });
});

describe('logout', () => {
  it("ends the session's WebSocket connections", async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    const res = await t.anonymous().post('/api/v1/auth/login', { username: 'worker', password: 'zhian123' });
    const cookie = sessionCookie(res.headers['set-cookie']);
    const socket = await connect(port, cookie);
    await socket.next((m) => m.type === 'hello');
    const closed = new Promise<number>((resolve) => socket.ws.once('close', (code) => resolve(code)));
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { host: 'localhost:3000', origin: 'http://localhost:3000', cookie } });
    expect(await closed).toBe(4001);
  });
});
