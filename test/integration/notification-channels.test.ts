import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../helpers/app.js';
import { smtpReceiver, webhookReceiver } from '../helpers/notify-receivers.js';
import { NotificationService } from '../../src/server/modules/notifications/service.js';
import type { ExternalNotification } from '../../src/server/modules/notifications/routing.js';
import { DeliveryWorker } from '../../src/server/modules/notifications/delivery.js';
import { systemActor } from '../../src/server/platform/access.js';

// the receivers of this test listen on the loopback address, which outbound requests may reach only when allowed
const LOCAL_RECEIVERS = { outboundAllowHosts: ['127.0.0.1'] };
let t: TestApp;
let ids: Awaited<ReturnType<TestApp['ids']>>;
let admin: Client, production: Client, worker: Client, safety: Client;
let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
let hooks: Awaited<ReturnType<typeof webhookReceiver>>;
let emailChannel: { id: string };
const SECRET_DING = 'SECding-test-secret';
const SECRET_FEISHU = 'feishu-test-secret';
let seq = 0;

beforeAll(async () => {
  [t, smtp, hooks] = await Promise.all([startTestApp({ config: LOCAL_RECEIVERS }), smtpReceiver(), webhookReceiver()]);
  ids = await t.ids();
  await loginAll();
});
afterAll(async () => {
  await t?.stop();
  await smtp?.close();
  await hooks?.close();
});

async function loginAll() {
  [admin, production, worker, safety] = await Promise.all(['admin', 'production', 'worker', 'safety'].map((u) => t.login(u)));
}

/** What another module does: notify inside its own unit of work. */
async function notify(userIds: string[], n: Partial<ExternalNotification> & { kind: string }) {
  const service = new NotificationService(t.platform);
  const full: ExternalNotification = { title: `通知 ${++seq}`, dedupeKey: `test:${seq}`, ...n };
  await t.platform.run(systemActor(t.tenantId), (w) => service.notify(w, userIds, full));
  await t.drain();
  return full;
}

const mailsTitled = (title: string) => smtp.mails.filter((m) => m.subject.includes(title));
const hitsWith = (path: string, text: string) => hooks.on(path).filter((h) => JSON.stringify(h.body).includes(text));
const deliveries = (dedupeSuffix: string) =>
  t.database.owner.query<{ id: string; state: string; attempts: number; recipient: string; last_error: string | null; next_attempt_at: Date }>(
    'SELECT id, state, attempts, recipient, last_error, next_attempt_at FROM notification_deliveries WHERE dedupe_key LIKE $1 ORDER BY recipient',
    [`%:${dedupeSuffix}`],
  );

describe('channels: configuration', () => {
  it('has the disabled demo channels, keeps secrets write-only and is for administrators only', async () => {
    const list = await admin.get('/api/v1/notifications/channels');
    expect(list.status).toBe(200);
    const ding = list.body.items.find((c: any) => c.kind === 'dingtalk');
    expect(ding).toMatchObject({ enabled: false, department: { id: ids.departments.safety, name: '安全环保部' }, config: { secretSet: true } });
    expect(JSON.stringify(list.body)).not.toContain('REPLACE_WITH_YOUR_TOKEN');
    expect(JSON.stringify(list.body)).not.toContain('SEC-REPLACE');
    expect(list.body.items.find((c: any) => c.kind === 'email')).toMatchObject({ enabled: false, config: { host: 'localhost', port: 2525 } });

    expect((await production.get('/api/v1/notifications/channels')).status).toBe(403);
    expect((await production.get('/api/v1/notifications/deliveries')).status).toBe(403);

    const demoEmail = list.body.items.find((c: any) => c.kind === 'email');
    expect((await admin.request('DELETE', `/api/v1/notifications/channels/${demoEmail.id}`)).status).toBe(204);

    const res = await admin.post('/api/v1/notifications/channels', {
      kind: 'email', name: '测试邮件服务器',
      config: { host: '127.0.0.1', port: smtp.port, secure: false, user: 'mailer', password: 'p@ss-公司', from: '智安通知 <zhian@demo.zhian.local>' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.config).toEqual({ host: '127.0.0.1', port: smtp.port, secure: false, user: 'mailer', from: '智安通知 <zhian@demo.zhian.local>', passwordSet: true });
    expect(JSON.stringify(res.body)).not.toContain('p@ss');
    emailChannel = res.body;

    // a change without the password keeps it; a stale version is refused
    const renamed = await admin.patch(`/api/v1/notifications/channels/${emailChannel.id}`, { version: 1, name: '公司邮件服务器', config: { port: smtp.port } });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body.config.passwordSet).toBe(true);
    expect((await admin.patch(`/api/v1/notifications/channels/${emailChannel.id}`, { version: 1, name: 'x' })).status).toBe(409);

    const spec = JSON.parse((await t.app.inject({ method: 'GET', url: '/api/v1/docs/json' })).body);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/v1/notifications/preferences', '/api/v1/notifications/channels', '/api/v1/notifications/channels/{id}/test', '/api/v1/notifications/deliveries', '/api/v1/notifications/deliveries/{id}/retry']),
    );
  });
});

describe('e-mail', () => {
  it('mails a warning to each recipient through the SMTP server, Chinese intact, Message-ID from the delivery', async () => {
    const n = await notify([ids.users.safety, ids.users.production], { kind: 'warning.instructed', title: '暴雨红色预警：请立即响应', body: '气象台发布暴雨红色预警，请检查排水设施并上报措施。', link: '/warnings/1' });
    const mails = mailsTitled('暴雨红色预警');
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['production@demo.zhian.local', 'safety@demo.zhian.local']);
    expect(mails[0].subject).toBe('[智安]暴雨红色预警：请立即响应');
    expect(mails[0].text).toContain('气象台发布暴雨红色预警，请检查排水设施并上报措施。');
    expect(mails[0].auth).toEqual({ username: 'mailer', password: 'p@ss-公司' });
    const rows = await deliveries(n.dedupeKey);
    expect(rows.map((r) => r.state)).toEqual(['sent', 'sent']);
    const forProduction = rows.find((r) => r.recipient === 'production@demo.zhian.local')!;
    expect(mails.find((m) => m.to[0] === 'production@demo.zhian.local')!.headers['message-id']).toBe(`<delivery-${forProduction.id}@demo.zhian.local>`);
  });

  it('the same notification twice is one e-mail', async () => {
    const n = await notify([ids.users.safety], { kind: 'warning.raised', title: '大风蓝色预警（重复）' });
    await notify([ids.users.safety], { ...n });
    expect(mailsTitled('大风蓝色预警（重复）')).toHaveLength(1);
    expect(await deliveries(n.dedupeKey)).toHaveLength(1);
  });

  it('follows preferences: own over the department default over the built-in one; urgent bypasses them', async () => {
    // built-in: hazards are in-app only
    await notify([ids.users.worker], { kind: 'hazard.dispatched', title: '整改任务：甲' });
    expect(mailsTitled('整改任务：甲')).toHaveLength(0);

    // the head of 生产部 turns e-mail on for hazards in the department; not for another department
    const mine = await production.get('/api/v1/notifications/preferences');
    expect(mine.status).toBe(200);
    expect(mine.body.departments.map((d: any) => d.id)).toEqual([ids.departments.production]);
    expect(mine.body.mine.find((p: any) => p.category === 'warning')).toMatchObject({ channels: ['inapp', 'email', 'robot'], source: 'default' });
    const dept = await production.request('PUT', '/api/v1/notifications/preferences', { scope: 'department', departmentId: ids.departments.production, items: [{ category: 'hazard', channels: ['email', 'robot'] }] });
    expect(dept.status, JSON.stringify(dept.body)).toBe(200);
    expect(dept.body.departments[0].defaults.find((p: any) => p.category === 'hazard')).toEqual({ category: 'hazard', channels: ['inapp', 'email', 'robot'], source: 'department' });
    expect((await production.request('PUT', '/api/v1/notifications/preferences', { scope: 'department', departmentId: ids.departments.safety, items: [{ category: 'hazard', channels: ['email'] }] })).status).toBe(403);
    await notify([ids.users.worker], { kind: 'hazard.dispatched', title: '整改任务：乙' });
    expect(mailsTitled('整改任务：乙').map((m) => m.to[0])).toEqual(['worker@demo.zhian.local']);

    // the worker's own choice wins: no e-mail for hazards, nor for (ordinary) warnings
    const own = await worker.request('PUT', '/api/v1/notifications/preferences', { scope: 'user', items: [{ category: 'hazard', channels: ['inapp'] }, { category: 'warning', channels: [] }] });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body.mine.find((p: any) => p.category === 'warning')).toEqual({ category: 'warning', channels: ['inapp'], source: 'user' });
    await notify([ids.users.worker], { kind: 'hazard.dispatched', title: '整改任务：丙' });
    await notify([ids.users.worker], { kind: 'warning.instructed', title: '高温黄色预警' });
    expect(mailsTitled('整改任务：丙')).toHaveLength(0);
    expect(mailsTitled('高温黄色预警')).toHaveLength(0);

    // urgent (orange / red warnings) goes out regardless
    await notify([ids.users.worker], { kind: 'warning.instructed', title: '台风橙色预警', urgent: true });
    const urgent = mailsTitled('台风橙色预警');
    expect(urgent.map((m) => m.to[0])).toEqual(['worker@demo.zhian.local']);
    expect(urgent[0].subject).toContain('【紧急】');

    // back to inheriting
    const reset = await worker.request('PUT', '/api/v1/notifications/preferences', { scope: 'user', items: [{ category: 'warning', channels: null }] });
    expect(reset.body.mine.find((p: any) => p.category === 'warning').source).toBe('default');
  });
});

describe('group robots', () => {
  let ding: any, wecom: any, feishu: any;

  beforeAll(async () => {
    const add = async (body: Record<string, unknown>) => {
      const res = await admin.post('/api/v1/notifications/channels', body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    };
    ding = await add({ kind: 'dingtalk', name: '生产部钉钉群', departmentId: ids.departments.production, categories: ['warning'], config: { webhookUrl: `${hooks.base}/ding/robot/send?access_token=tok-ding-123456`, secret: SECRET_DING } });
    wecom = await add({ kind: 'wecom', name: '公司企业微信群', categories: ['hazard'], config: { webhookUrl: `${hooks.base}/wecom/cgi-bin/webhook/send?key=wecom-key-123456` } });
    feishu = await add({ kind: 'feishu', name: '公司飞书群', categories: ['warning'], config: { webhookUrl: `${hooks.base}/feishu/open-apis/bot/v2/hook/0123456789abcdef`, secret: SECRET_FEISHU } });
  });

  it('hides the webhook token and the signing secret', async () => {
    expect(ding.config).toEqual({ webhookUrl: `${hooks.base}/ding/robot/send?access_token=tok-****`, secretSet: true });
    expect(feishu.config.webhookUrl).toBe(`${hooks.base}/feishu/open-apis/bot/v2/hook/0123****`);
    expect(JSON.stringify([ding, wecom, feishu])).not.toMatch(/SECding|feishu-test-secret|123456|abcdef/);
  });

  it('a department robot gets one signed DingTalk message however many of its people are notified; Feishu too', async () => {
    const users = [ids.users.production, ids.users.worker, ids.users.emp001, ids.users.emp002];
    await notify(users, { kind: 'warning.instructed', title: '雷电黄色预警：生产部', body: '请暂停露天作业', departmentIds: [ids.departments.production] });
    const dingHits = hitsWith('/ding/robot/send', '雷电黄色预警：生产部');
    expect(dingHits).toHaveLength(1);
    const hit = dingHits[0];
    expect(hit.query.get('access_token')).toBe('tok-ding-123456');
    const ts = hit.query.get('timestamp')!;
    expect(Math.abs(Number(ts) - Date.now())).toBeLessThan(60_000);
    expect(hit.query.get('sign')).toBe(createHmac('sha256', SECRET_DING).update(`${ts}\n${SECRET_DING}`).digest('base64'));
    expect(hit.body).toMatchObject({ msgtype: 'markdown', markdown: { title: '雷电黄色预警：生产部' } });
    expect(hit.body.markdown.text).toContain('请暂停露天作业');

    const fs = hitsWith('/feishu/open-apis/bot/v2/hook/0123456789abcdef', '雷电黄色预警：生产部');
    expect(fs).toHaveLength(1);
    expect(fs[0].body.msg_type).toBe('text');
    expect(fs[0].body.content.text).toContain('请暂停露天作业');
    expect(fs[0].body.sign).toBe(createHmac('sha256', `${fs[0].body.timestamp}\n${SECRET_FEISHU}`).update('').digest('base64'));
    expect(hitsWith('/wecom/cgi-bin/webhook/send', '雷电黄色预警')).toHaveLength(0); // WeCom carries hazards only
  });

  it("another department's warning does not reach the 生产部 robot; the recipients' departments count when none are given", async () => {
    await notify([ids.users.safety], { kind: 'warning.instructed', title: '大雾预警：安全环保部', departmentIds: [ids.departments.safety] });
    expect(hitsWith('/ding/robot/send', '大雾预警：安全环保部')).toHaveLength(0);
    expect(hitsWith('/feishu/open-apis/bot/v2/hook/0123456789abcdef', '大雾预警：安全环保部')).toHaveLength(1);
    await notify([ids.users.worker], { kind: 'warning.raised', title: '冰雹预警：按收件人部门' });
    expect(hitsWith('/ding/robot/send', '冰雹预警：按收件人部门')).toHaveLength(1);
  });

  it('WeCom markdown for a hazard, also when it comes from the hazard module itself', async () => {
    await notify([ids.users.safety], { kind: 'hazard.reported', title: '新隐患：叉车刹车失灵', body: 'YH-0001' });
    const w = hitsWith('/wecom/cgi-bin/webhook/send', '新隐患：叉车刹车失灵');
    expect(w).toHaveLength(1);
    expect(w[0].query.get('key')).toBe('wecom-key-123456');
    expect(w[0].body).toEqual({ msgtype: 'markdown', markdown: { content: expect.stringContaining('#### 新隐患：叉车刹车失灵') } });

    const res = await safety.post('/api/v1/hazards', { title: '配电房门锁损坏', description: '配电房门锁损坏，无关人员可进入', departmentId: ids.departments.equipment, areaId: ids.areas.C02 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await t.drain();
    await t.drain();
    expect(hitsWith('/wecom/cgi-bin/webhook/send', '配电房门锁损坏')).toHaveLength(1);
  });

  it('a department head may keep the department robot quiet for a category; urgent still goes to every channel', async () => {
    const quiet = await production.request('PUT', '/api/v1/notifications/preferences', { scope: 'department', departmentId: ids.departments.production, items: [{ category: 'warning', channels: ['email'] }] });
    expect(quiet.status).toBe(200);
    await notify([ids.users.worker], { kind: 'warning.instructed', title: '寒潮蓝色预警：安静', departmentIds: [ids.departments.production] });
    expect(hitsWith('/ding/robot/send', '寒潮蓝色预警：安静')).toHaveLength(0);
    await notify([ids.users.worker], { kind: 'repair.created', title: '紧急抢修：红色', urgent: true, departmentIds: [ids.departments.production] });
    expect(hitsWith('/ding/robot/send', '紧急抢修：红色')).toHaveLength(1);
    expect(hitsWith('/wecom/cgi-bin/webhook/send', '紧急抢修：红色')).toHaveLength(1);
    expect(hitsWith('/feishu/open-apis/bot/v2/hook/0123456789abcdef', '紧急抢修：红色')).toHaveLength(1);
    expect(mailsTitled('紧急抢修：红色').map((m) => m.to[0])).toEqual(['worker@demo.zhian.local']);
    await production.request('PUT', '/api/v1/notifications/preferences', { scope: 'department', departmentId: ids.departments.production, items: [{ category: 'warning', channels: null }] });
  });

  it('test-send reports the outcome now', async () => {
    const ok = await admin.post(`/api/v1/notifications/channels/${ding.id}/test`, {});
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, error: null });
    expect(hitsWith('/ding/robot/send', '智安通知渠道测试')).toHaveLength(1);
    hooks.answer('/ding/robot/send', { status: 200, body: { errcode: 310000, errmsg: 'sign not match' } });
    const bad = await admin.post(`/api/v1/notifications/channels/${ding.id}/test`, {});
    expect(bad.body).toMatchObject({ ok: false, error: 'errcode 310000: sign not match' });
    const mail = await admin.post(`/api/v1/notifications/channels/${emailChannel.id}/test`, { to: 'ops@demo.zhian.local' });
    expect(mail.body).toMatchObject({ ok: true, recipient: 'ops@demo.zhian.local' });
    expect(mailsTitled('智安通知渠道测试').map((m) => m.to[0])).toEqual(['ops@demo.zhian.local']);
  });
});

describe('retries', () => {
  it('retries a failing robot with backoff until it is dead, shows it to the administrator, and sends it on a manual retry', async () => {
    const res = await admin.post('/api/v1/notifications/channels', { kind: 'wecom', name: '设备部企业微信群（故障）', departmentId: ids.departments.clinic, categories: ['repair'], config: { webhookUrl: `${hooks.base}/broken/send?key=broken-key` } });
    expect(res.status).toBe(201);
    hooks.answer(
      '/broken/send',
      { status: 500, body: { error: 'internal' } },
      ...Array.from({ length: 5 }, () => ({ status: 200, body: { errcode: 93000, errmsg: 'invalid webhook url' } })),
    );
    const n = await notify([ids.users.clinic], { kind: 'repair.assigned', title: '维修派工：心电图机', departmentIds: [ids.departments.clinic] });
    const tries = () => hitsWith('/broken/send', '维修派工：心电图机').length;
    const row = async () => (await deliveries(n.dedupeKey)).find((d) => d.recipient === 'wecom')!;
    expect(tries()).toBe(1);
    expect(await row()).toMatchObject({ state: 'failed', attempts: 1, last_error: expect.stringContaining('HTTP 500') });

    const waits = [30_000, 120_000, 600_000, 3_600_000, 21_600_000];
    for (const [i, wait] of waits.entries()) {
      // not before its time
      t.clock.advance(wait - 5_000);
      await t.drain();
      expect(tries()).toBe(i + 1);
      t.clock.advance(5_000);
      await t.drain();
      expect(tries()).toBe(i + 2);
    }
    const dead = await row();
    expect(dead).toMatchObject({ state: 'dead', attempts: 6, last_error: 'errcode 93000: invalid webhook url' });
    t.clock.advance(24 * 3_600_000);
    await t.drain();
    expect(tries()).toBe(6);

    await loginAll(); // sessions end after 12 hours of the clock
    const list = await admin.get('/api/v1/notifications/deliveries?state=dead');
    expect(list.status).toBe(200);
    expect(list.body.items.find((d: any) => d.id === dead.id)).toMatchObject({ state: 'dead', attempts: 6, lastError: 'errcode 93000: invalid webhook url', channel: { name: '设备部企业微信群（故障）', kind: 'wecom' } });
    expect(list.body.counts.dead).toBeGreaterThanOrEqual(1);
    const channels = await admin.get('/api/v1/notifications/channels');
    expect(channels.body.failures.dead).toBeGreaterThanOrEqual(1);
    expect(channels.body.items.find((c: any) => c.id === res.body.id).stats.dead).toBe(1);

    const again = await admin.post(`/api/v1/notifications/deliveries/${dead.id}/retry`);
    expect(again.status).toBe(200);
    await t.drain();
    expect(tries()).toBe(7);
    expect(await row()).toMatchObject({ state: 'sent' });
    expect((await admin.post(`/api/v1/notifications/deliveries/${dead.id}/retry`)).status).toBe(409);
  });

  it('each delivery is sent once when two workers run at the same time (and never again once sent)', async () => {
    const service = new NotificationService(t.platform);
    const n: ExternalNotification = { kind: 'warning.instructed', title: '并发投递：一次', dedupeKey: `test:${++seq}`, departmentIds: [ids.departments.production] };
    await t.platform.run(systemActor(t.tenantId), (w) => service.notify(w, [ids.users.production, ids.users.worker], n));
    // a slow robot keeps the first worker's transaction open while the second one looks for work
    hooks.answer('/ding/robot/send', { status: 200, body: { errcode: 0, errmsg: 'ok' }, delayMs: 300 });
    const worker = new DeliveryWorker(null, t.platform.outbound);
    const run = () => t.platform.run(systemActor(t.tenantId), (w) => worker.run(w));
    await Promise.all([run(), run(), run()]);
    await t.drain();
    await run();
    expect(hitsWith('/ding/robot/send', '并发投递：一次')).toHaveLength(1);
    expect(hitsWith('/feishu/open-apis/bot/v2/hook/0123456789abcdef', '并发投递：一次')).toHaveLength(1);
    expect(mailsTitled('并发投递：一次')).toHaveLength(2);
    expect((await deliveries(n.dedupeKey)).map((d) => d.state)).toEqual(['sent', 'sent', 'sent', 'sent']);
  });
});
