import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSuite, DESKTOP, loginAs, PHONE, SHOTS } from '../helpers/browser.js';
import { pngBytes } from '../helpers/app.js';

const suite = browserSuite('comms-chat');

async function caseWithRoom() {
  const { t } = suite;
  const ids = await t.ids();
  const safety = await t.login('safety');
  const h = await safety.post('/api/v1/hazards', { title: '打磨车间粉尘浓度超标', description: '除尘器风机故障，粉尘浓度 12 mg/m³', departmentId: ids.departments.production, areaId: ids.areas.A01 });
  const tpl = (await safety.get('/api/v1/flows/templates')).body.items.find((x: any) => x.key === 'dust-over-limit');
  const c = await safety.post('/api/v1/flows/instances', { templateId: tpl.id, title: h.body.title, subjectType: 'hazard', subjectId: h.body.id, data: { level: 2 } });
  expect(c.status).toBe(201);
  await expect.poll(async () => (await t.database.owner.query(`SELECT 1 FROM comms_conversations WHERE subject_id = $1`, [c.body.id])).length, { timeout: 15_000 }).toBe(1);
  return c.body;
}

describe('two people chat live in a case room', () => {
  it('the safety officer (desktop) writes with a photo and a mention; 生产部’s head (phone) sees it, answers, and the desktop sees that', async () => {
    const flow = await caseWithRoom();
    const desk = await loginAs(await suite.newContext(DESKTOP), suite.base, 'safety');
    await desk.goto(`${suite.base}/flows/instances/${flow.id}`);
    await desk.getByTestId('record-room').waitFor();
    await desk.getByTestId('record-room-open').click();
    await desk.waitForURL(/\/messages\/[0-9a-f-]{36}$/);
    await desk.getByTestId('chat-view').waitFor();
    await desk.locator('[data-testid="realtime-status"][data-state="open"]').waitFor({ timeout: 15_000 });

    const phone = await loginAs(await suite.newContext(PHONE), suite.base, 'production');
    await phone.goto(`${suite.base}/messages`);
    await phone.getByTestId('bottom-nav-messages').waitFor();
    await phone.locator('[data-testid="realtime-status"][data-state="open"]').waitFor({ timeout: 15_000 });

    const photo = path.join(SHOTS, 'chat-photo.png');
    writeFileSync(photo, await pngBytes(640, 480));
    await desk.locator('[data-testid="chat-composer"] input[type=file]').setInputFiles(photo);
    await desk.getByTestId('chat-attachment').waitFor({ timeout: 15_000 });
    await desk.locator('[data-testid="chat-input"] textarea, textarea[data-testid="chat-input"]').first().fill('@张伟 除尘器风机今天能否停机检修？现场照片见附件');
    await desk.getByTestId('chat-send').click();
    await desk.locator('[data-testid="chat-message"][data-mine="true"]').filter({ hasText: '除尘器风机' }).waitFor();

    // the phone's list shows the unread message without a reload; the tab carries the count
    const item = phone.locator('[data-testid="chat-conversation"][data-kind="record"]').filter({ hasText: '粉尘' }).first();
    await expect.poll(async () => Number(await item.getAttribute('data-unread')), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await phone.getByTestId('bottom-nav-messages').textContent()) ?? '', { timeout: 10_000 }).toMatch(/\d/);
    await phone.screenshot({ path: path.join(SHOTS, 'chat-phone-list.png') });
    await item.click();
    const received = phone.locator('[data-testid="chat-message"]').filter({ hasText: '除尘器风机' });
    await received.waitFor();
    await received.locator('.zhian-chat-mention').filter({ hasText: '@张伟' }).waitFor();
    await received.getByTestId('chat-image').waitFor();
    // the mention reached 张伟's notification centre too
    const notes = await suite.t.database.owner.query(`SELECT title FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = 'production' AND n.kind = 'comms.mention'`);
    expect(notes.length).toBeGreaterThan(0);
    await phone.screenshot({ path: path.join(SHOTS, 'chat-phone-room.png') });

    await phone.locator('textarea').first().fill('可以，下午两点停机，设备部配合更换滤袋');
    await phone.getByTestId('chat-send').click();
    await desk.locator('[data-testid="chat-message"][data-mine="false"]').filter({ hasText: '下午两点停机' }).waitFor({ timeout: 15_000 });
    await desk.screenshot({ path: path.join(SHOTS, 'chat-desktop-room.png') });

    // opened on the phone = read: the list's count is back to 0
    await phone.goto(`${suite.base}/messages`);
    await expect.poll(async () => Number(await phone.locator('[data-testid="chat-conversation"][data-kind="record"]').filter({ hasText: '粉尘' }).first().getAttribute('data-unread')), { timeout: 10_000 }).toBe(0);

    // the room's history is on the case board
    await desk.goto(`${suite.base}/flows/instances/${flow.id}`);
    await desk.getByTestId('record-room-item').filter({ hasText: '下午两点停机' }).waitFor();
    await desk.getByTestId('record-room').screenshot({ path: path.join(SHOTS, 'chat-case-room-card.png') });
  });
});
