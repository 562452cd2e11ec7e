import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, sessionCookie, type Client, type TestApp } from '../helpers/app.js';
import { createTenant } from '../../src/server/modules/org/setup.js';
import { issueSetupLink } from '../../src/server/platform/auth/links.js';
import { enterPlatform } from '../../src/server/platform/work.js';
import { passwordProblems } from '../../src/server/platform/auth/password-policy.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.stop());

const STRONG = '蓝色的江水一路向东流去不回头';
const STRONG2 = 'correct horse battery staple';

async function login(username: string, password: string, tenant: string): Promise<Client> {
  return t.login(username, password, tenant);
}

describe('password policy', () => {
  it('asks for 12 characters, refuses listed and name-based passwords, and has no composition rules', () => {
    expect(passwordProblems('short')).toHaveLength(1);
    expect(passwordProblems('1qaz2wsx3edc')[0].message).toContain('common');
    expect(passwordProblems('password2024!')[0].message).toContain('common');
    expect(passwordProblems('woaini1314520')[0].message).toContain('common');
    expect(passwordProblems('abcabcabcabc')).toHaveLength(1);
    expect(passwordProblems('zhangsan-2024', { username: 'zhangsan' })).toHaveLength(1);
    expect(passwordProblems('all lower case words here')).toEqual([]);
    expect(passwordProblems(STRONG)).toEqual([]);
  });
});

describe('a new organisation', () => {
  it('is created by the command-line function with suggested departments and an administrator to activate', async () => {
    const created = await createTenant(t.database.db, t.clock, {
      organisation: { code: 'hx-school', name: '华夏实验学校', sector: 'school', address: '', highRiskSectors: [] },
      admin: { username: 'zhang.admin', displayName: '张老师' },
    });
    expect(created.activationPath).toMatch(/^\/activate\?org=hx-school&token=act_/);
    const token = new URLSearchParams(created.activationPath!.split('?')[1]).get('token')!;
    const who = await t.anonymous().get(`/api/v1/auth/activation?token=${encodeURIComponent(token)}`);
    expect(who.body).toMatchObject({ tenant: { code: 'hx-school', name: '华夏实验学校' }, username: 'zhang.admin' });
    expect((await t.anonymous().post('/api/v1/auth/activation', { token, password: '12345678' })).status).toBe(422);
    expect((await t.anonymous().post('/api/v1/auth/activation', { token, password: STRONG })).status).toBe(200);
    expect((await t.anonymous().post('/api/v1/auth/activation', { token, password: STRONG })).status).toBe(410);
    const admin = await login('zhang.admin', STRONG, 'hx-school');
    const me = await admin.get('/api/v1/me');
    expect(me.body).toMatchObject({ tenant: { code: 'hx-school', demo: false }, roles: ['admin', 'security_admin'] });
    const depts = (await admin.get('/api/v1/departments')).body.items as { name: string; functions: string[] }[];
    expect(depts.map((d) => d.name)).toContain('安全委员会');
    expect(depts.find((d) => d.functions.includes('safety'))?.name).toBe('安全保卫处');
    // nothing of the demo company is visible
    expect((await admin.get('/api/v1/hazards')).body.total ?? 0).toBe(0);
  });

  it('is created by the setup wizard with a one-time link; the same login name works in two organisations', async () => {
    const secret = await t.database.db.transaction().execute(async (tx) => {
      await enterPlatform(tx);
      return issueSetupLink(tx, t.clock.now());
    });
    const check = await t.anonymous().get(`/api/v1/setup?token=${secret}`);
    expect(check.status).toBe(200);
    expect(check.body.suggestedDepartments.hospital.map((d: { name: string }) => d.name)).toContain('安全委员会');
    const body = {
      token: secret,
      organisation: { name: '仁和医院', code: 'renhe', sector: 'hospital', address: '江苏省南京市', highRiskSectors: [] },
      admin: { displayName: '王主任', username: 'admin', password: 'short' },
      departments: [{ name: '安全保卫科', functions: ['safety', 'security'] }, { name: '安全委员会', kind: 'committee', functions: ['committee'] }],
    };
    const weak = await t.anonymous().post('/api/v1/setup', body);
    expect(weak.status).toBe(422);
    expect(weak.body.error.details[0].path).toBe('body.admin.password');
    const ok = await t.anonymous().post('/api/v1/setup', { ...body, admin: { ...body.admin, password: STRONG } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect((await t.anonymous().post('/api/v1/setup', { ...body, organisation: { ...body.organisation, code: 'renhe2' }, admin: { ...body.admin, password: STRONG } })).status).toBe(410);
    // "admin" exists in the demo company too: the organisation code tells them apart
    const renhe = await login('admin', STRONG, 'renhe');
    expect((await renhe.get('/api/v1/me')).body.tenant.name).toBe('仁和医院');
    expect((await login('admin', 'zhian123', 'demo').then((c) => c.get('/api/v1/me'))).body.tenant.code).toBe('demo');
  });
});

describe('people administration', () => {
  it('adds a person with an activation link, disables them (session and token stop at once), resets and changes passwords', async () => {
    const admin = await t.login('admin');
    const ids = await t.ids();
    const added = await admin.post('/api/v1/admin/users', { displayName: '钱多多', employeeNo: 'E9001', departmentId: ids.departments.production, position: '钳工', login: true });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.user).toMatchObject({ username: 'e9001', status: 'pending', position: '钳工', roles: ['worker'] });
    const token = new URLSearchParams(added.body.activationPath.split('?')[1]).get('token')!;
    expect((await t.anonymous().post('/api/v1/auth/activation', { token, password: STRONG })).status).toBe(200);
    const person = await login('e9001', STRONG, 'demo');
    const listed = await admin.get('/api/v1/admin/users?q=钱多多');
    expect(listed.body.items[0]).toMatchObject({ status: 'active', lastLoginAt: expect.any(String) });
    // positions are records
    const positions = (await admin.get('/api/v1/positions')).body.items as { id: string; name: string }[];
    expect(positions.find((p) => p.name === '钳工')).toBeTruthy();
    // a duplicate employee number is named
    const dup = await admin.post('/api/v1/admin/users', { displayName: '重复', employeeNo: 'E9001' });
    expect(dup.status).toBe(422);
    expect(dup.body.error.details[0].path).toBe('body.employeeNo');
    // roles need the security administrator's permission; the demo admin holds it
    const roles = await admin.put(`/api/v1/admin/users/${added.body.user.id}/roles`, { version: listed.body.items[0].version, roles: ['staff'] });
    expect(roles.status, JSON.stringify(roles.body)).toBe(200);

    // a token of a second administrator stops with their account
    const hrRow = (await admin.get(`/api/v1/admin/users/${ids.users.hr}`)).body;
    expect((await admin.put(`/api/v1/admin/users/${ids.users.hr}/roles`, { version: hrRow.version, roles: ['dept_head', 'admin'] })).status).toBe(200);
    const safety = await t.login('hr');
    const tok = await safety.post('/api/v1/api-tokens', { name: 'hr gateway', permissions: ['hazard.report'] });
    const bearer = { authorization: `Bearer ${tok.body.token}` };
    const readings = { title: '' };
    const first = await t.anonymous().post('/api/v1/hazards', readings, bearer);
    expect(first.status, JSON.stringify([tok.body, first.body])).toBe(422);
    expect((await person.get('/api/v1/me')).status).toBe(200);
    expect((await admin.post(`/api/v1/admin/users/${added.body.user.id}/disable`)).status).toBe(200);
    expect((await admin.post(`/api/v1/admin/users/${ids.users.hr}/disable`)).status).toBe(200);
    expect((await person.get('/api/v1/me')).status).toBe(401);
    expect((await safety.get('/api/v1/me')).status).toBe(401);
    expect((await t.anonymous().post('/api/v1/hazards', readings, bearer)).status).toBe(401);
    expect((await admin.post(`/api/v1/admin/users/${ids.users.hr}/enable`)).status).toBe(200);
    expect((await admin.post(`/api/v1/admin/users/${added.body.user.id}/enable`)).status).toBe(200);

    // reset: a one-time password, which must be changed before anything else
    const reset = await admin.post(`/api/v1/admin/users/${added.body.user.id}/reset-password`);
    expect(reset.body.temporaryPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const again = await login('e9001', reset.body.temporaryPassword, 'demo');
    expect((await again.get('/api/v1/me')).body.mustChangePassword).toBe(true);
    expect((await again.get('/api/v1/hazards')).status).toBe(403);
    const wrong = await again.post('/api/v1/me/password', { currentPassword: 'nope', newPassword: STRONG2 });
    expect(wrong.body.error.details[0].path).toBe('body.currentPassword');
    expect((await again.post('/api/v1/me/password', { currentPassword: reset.body.temporaryPassword, newPassword: STRONG2 })).status).toBe(200);
    expect((await again.get('/api/v1/hazards')).status).toBe(200);
    // own sessions: listed, and one ended from another
    const other = await login('e9001', STRONG2, 'demo');
    const sessions = (await again.get('/api/v1/me/sessions')).body.items as { id: string; current: boolean }[];
    expect(sessions).toHaveLength(2);
    const theOther = sessions.find((s) => !s.current)!;
    expect((await again.post(`/api/v1/me/sessions/${theOther.id}/end`)).status).toBe(200);
    expect((await other.get('/api/v1/me')).status).toBe(401);
  });

  it('a worker may not administer people', async () => {
    const worker = await t.login('worker');
    expect((await worker.get('/api/v1/admin/users')).status).toBe(403);
    expect((await worker.post('/api/v1/admin/users', { displayName: 'x' })).status).toBe(403);
  });
});

describe('role editor', () => {
  it('a custom role changes what its holders may do at their next request', async () => {
    const admin = await t.login('admin');
    const ids = await t.ids();
    const catalogue = await admin.get('/api/v1/roles');
    expect(catalogue.body.roles.find((r: { key: string }) => r.key === 'audit_admin')).toMatchObject({ name: '审计管理员', builtin: true });
    expect(catalogue.body.permissions.find((x: { key: string }) => x.key === 'hazard.report').label.zh).toBe('上报隐患');
    const bad = await admin.post('/api/v1/roles', { name: '坏角色', permissions: ['sensors.ingest', 'nope'] });
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(['body.permissions.0', 'body.permissions.1']);
    const role = await admin.post('/api/v1/roles', { name: '人员管理助理', permissions: ['users.manage'] });
    expect(role.status).toBe(201);
    const worker = await t.login('worker');
    expect((await worker.get('/api/v1/admin/users')).status).toBe(403);
    const row = (await admin.get(`/api/v1/admin/users/${ids.users.worker}`)).body;
    await admin.put(`/api/v1/admin/users/${ids.users.worker}/roles`, { version: row.version, roles: ['worker', role.body.key] });
    const until = async (status: number) => {
      for (let i = 0; i < 40; i++) {
        const r = await worker.get('/api/v1/admin/users');
        if (r.status === status) return r.status;
        await new Promise((res) => setTimeout(res, 50));
      }
      return -1;
    };
    expect(await until(200)).toBe(200); // same session, no new login
    await admin.patch(`/api/v1/roles/${role.body.key}`, { version: role.body.version, permissions: ['hazard.report'] });
    expect(await until(403)).toBe(403);
  });
});

void sessionCookie;
