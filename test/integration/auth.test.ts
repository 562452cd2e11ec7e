import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, sessionCookie, ORIGIN, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.stop());

describe('health', () => {
  it('answers without login and names the database kind', async () => {
    const res = await t.anonymous().get('/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: t.database.kind, version: expect.any(String) });
  });

  it('sends security headers on every response: pages get the full CSP, API answers are not cached', async () => {
    const page = await t.anonymous().get('/login');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const api = await t.anonymous().get('/api/v1/health');
    expect(api.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['cache-control']).toBe('no-store');
  });

  it('documents the API as OpenAPI', async () => {
    const res = await t.anonymous().get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/hazards', '/api/v1/hazards/{id}', '/api/v1/auth/login', '/api/v1/me']));
  });
});

describe('login and sessions', () => {
  it('logs in with an HttpOnly SameSite cookie and a new session id each time', async () => {
    const a = await t.anonymous().post('/api/v1/auth/login', { username: 'safety', password: 'zhian123' });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ username: 'safety', displayName: '李建国', roles: ['safety_officer'], department: { name: '安全环保部' } });
    const raw = String(a.headers['set-cookie']);
    expect(raw).toMatch(/HttpOnly/i);
    expect(raw).toMatch(/SameSite=Lax/i);
    const b = await t.anonymous().post('/api/v1/auth/login', { username: 'safety', password: 'zhian123' });
    expect(sessionCookie(b.headers['set-cookie'])).not.toBe(sessionCookie(a.headers['set-cookie']));
  });

  it('stores passwords as argon2id with at least t=2, m=19 MiB, p=1', async () => {
    const [row] = await t.database.owner.query<{ password_hash: string }>("SELECT password_hash FROM users WHERE username = 'admin'");
    const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(row.password_hash);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThanOrEqual(19456);
    expect(Number(m![2])).toBeGreaterThanOrEqual(2);
    expect(Number(m![3])).toBeGreaterThanOrEqual(1);
  });

  it('refuses wrong passwords with one message for unknown users and wrong passwords', async () => {
    const wrong = await t.anonymous().post('/api/v1/auth/login', { username: 'hr', password: 'nope' });
    const unknown = await t.anonymous().post('/api/v1/auth/login', { username: 'nobody', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
  });

  it('logout ends the session', async () => {
    const c = await t.login('equipment');
    expect((await c.get('/api/v1/me')).status).toBe(200);
    expect((await c.post('/api/v1/auth/logout')).status).toBe(200);
    const after = await c.get('/api/v1/me');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('throttles an account after 5 failures, even for the right password', async () => {
    const headers = { 'x-forwarded-for': '10.9.9.9' };
    for (let i = 0; i < 5; i++) {
      expect((await t.anonymous().post('/api/v1/auth/login', { username: 'logistics', password: 'bad' + i }, headers)).status).toBe(401);
    }
    const locked = await t.anonymous().post('/api/v1/auth/login', { username: 'logistics', password: 'zhian123' });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('RATE_LIMITED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // the lock ends with its time
    t.clock.advance(16 * 60_000);
    expect((await t.anonymous().post('/api/v1/auth/login', { username: 'logistics', password: 'zhian123' })).status).toBe(200);
  });

  it('throttles a source address trying many accounts', async () => {
    const before = (await t.database.owner.query<{ n: string }>("SELECT count(*)::text AS n FROM auth_throttle WHERE key LIKE 'ip:%'"))[0];
    let status = 0;
    for (let i = 0; i < 31 && status !== 429; i++) {
      status = (await t.anonymous().post('/api/v1/auth/login', { username: `ghost${i}`, password: 'x' })).status;
    }
    expect(status).toBe(429);
    expect(Number(before.n)).toBeGreaterThanOrEqual(1);
    t.clock.advance(16 * 60_000);
  });

  it('audits logins and failed logins', async () => {
    await t.anonymous().post('/api/v1/auth/login', { username: 'committee', password: 'wrong' });
    await t.login('committee');
    const rows = await t.database.owner.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE actor_name = 'committee' ORDER BY seq",
    );
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['auth.login_failed', 'auth.login']));
  });
});

describe('cross-site requests', () => {
  it('refuses state-changing cookie requests without our Origin', async () => {
    const c = await t.login('worker');
    const ids = await t.ids();
    const body = { title: 'x', departmentId: ids.departments.production };
    const none = await t.app.inject({ method: 'POST', url: '/api/v1/hazards', payload: body, headers: { host: 'localhost:3000', cookie: c.cookie! } });
    expect(none.statusCode).toBe(403);
    expect(JSON.parse(none.body).error.code).toBe('ORIGIN_REJECTED');
    const foreign = await c.post('/api/v1/hazards', body, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const own = await c.post('/api/v1/hazards', body, { origin: ORIGIN });
    expect(own.status).toBe(201);
  });

  it('accepts API tokens without an Origin, and refuses revoked or unknown ones', async () => {
    const admin = await t.login('admin');
    const ids = await t.ids();
    const issued = await admin.post('/api/v1/api-tokens', { name: 'integration', permissions: ['hazard.report'] });
    expect(issued.status).toBe(201);
    const bearer = { authorization: `Bearer ${issued.body.token}` };
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/hazards',
      payload: { title: '来自集成的隐患', departmentId: ids.departments.safety },
      headers: bearer,
    });
    expect(res.statusCode).toBe(201);
    expect(JSON.parse(res.body).source).toBe('api');
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: 'Bearer zk_nope' } });
    expect(bad.statusCode).toBe(401);
    // a worker may not issue tokens
    const worker = await t.login('worker');
    expect((await worker.post('/api/v1/api-tokens', { name: 'x', permissions: ['hazard.report'] })).status).toBe(403);
  });
});

describe('preferences', () => {
  it('remembers the interface language per user', async () => {
    const c = await t.login('hr');
    expect((await c.patch('/api/v1/me', { locale: 'en-US' })).body.locale).toBe('en-US');
    const again = await t.login('hr');
    expect((await again.get('/api/v1/me')).body.locale).toBe('en-US');
    expect((await c.patch('/api/v1/me', { locale: 'fr-FR' })).status).toBe(422);
  });
});

describe('audit of denials and unknown users', () => {
  it('records a denied request and a failed login for an unknown name', async () => {
    const worker = await t.login('worker');
    expect((await worker.post('/api/v1/api-tokens', { name: 'x', permissions: ['hazard.report'] })).status).toBe(403);
    await t.anonymous().post('/api/v1/auth/login', { username: 'intruder', password: 'x' });
    const rows = await t.database.owner.query<{ action: string; actor_name: string; entity_id: string | null; basis: string }>(
      "SELECT action, actor_name, entity_id, basis FROM audit_log WHERE action IN ('access.denied', 'auth.login_failed') ORDER BY seq",
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'access.denied', actor_name: 'worker', entity_id: 'POST /api/v1/api-tokens' }),
        expect.objectContaining({ action: 'auth.login_failed', actor_name: 'intruder', basis: 'unknown username' }),
      ]),
    );
  });
});
