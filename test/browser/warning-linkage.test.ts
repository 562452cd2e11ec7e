/**
 * Scenario 3 in the browser: the city weather office pushes a 暴雨红色预警 as a CAP message →
 * 后勤部 (desktop), 生产部 (phone) and 安全环保部 see their instructions arrive live on /warnings,
 * acknowledge and report their measures (one with a photo) → the board, open on a fourth screen
 * (安委会), shows the loop closed without a reload. Also looks at the rules and sources pages.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { browserSuite, loginAs, PHONE, DESKTOP, SHOTS } from '../helpers/browser.js';
import { pngBytes, type TestApp } from '../helpers/app.js';

const suite = browserSuite('warning');
const newContext = suite.newContext;
let t: TestApp;
let base: string;
beforeAll(() => {
  ({ t, base } = suite); // the suite's own beforeAll ran first: the server is up
});

const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: path.join(SHOTS, `warning-${name}.png`), fullPage });
/** No table or card still loading (a screenshot of a faded table shows nothing). */
const settled = (page: Page) => page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton'), undefined, { timeout: 15_000 });
const realtimeOpen = (page: Page) => page.locator('[data-testid="realtime-status"][data-state="open"]').waitFor({ timeout: 15_000 });

/** China Standard Time as CAP writes it: 2026-07-21T14:30:00+08:00. */
function cst(ms: number): string {
  return `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

/**
 * The fixture (a real-shaped GB/T 35965.1 message) moved to now: a fresh identifier and times, so
 * the warning is active while the test runs whatever the date.
 */
function rainstormRedNow(): { xml: string; identifier: string } {
  const fixture = readFileSync(path.resolve('test/fixtures/cap/rainstorm-red-alert.xml'), 'utf8');
  const now = Date.now();
  const stamp = cst(now).slice(0, 19).replace(/[-T:]/g, '');
  const identifier = `33010041600000_${stamp}_0`;
  const xml = fixture
    .replace(/<identifier>[^<]+<\/identifier>/, `<identifier>${identifier}</identifier>`)
    .replace(/<sent>[^<]+<\/sent>/, `<sent>${cst(now)}</sent>`)
    .replace(/<effective>[^<]+<\/effective>/, `<effective>${cst(now)}</effective>`)
    .replace(/<onset>[^<]+<\/onset>/, `<onset>${cst(now)}</onset>`)
    .replace(/<expires>[^<]+<\/expires>/, `<expires>${cst(now + 24 * 3_600_000)}</expires>`);
  return { xml, identifier };
}

/** The department's card on the board. */
const responseCard = (page: Page, department: string) => page.locator(`[data-testid="warning-response-card"][data-department="${department}"]`);
const responseState = (page: Page, department: string, state: string) =>
  page.locator(`[data-testid="warning-response-card"][data-department="${department}"][data-state="${state}"]`).waitFor({ timeout: 15_000 });

async function answer(page: Page, department: string, measures: string, photo?: string) {
  const card = responseCard(page, department);
  await card.waitFor({ timeout: 15_000 });
  await card.getByTestId('warning-acknowledge').click();
  await responseState(page, department, 'acknowledged');
  await card.getByTestId('warning-report').click();
  const form = page.getByTestId('warning-measures-form');
  await form.waitFor();
  await page.getByTestId('warning-measures-text').fill(measures);
  if (photo) {
    await page.locator('[data-testid="warning-measures-photos"] input[type="file"], input[type="file"][data-testid="warning-measures-photos"]').first().setInputFiles(photo);
    await page.locator('[data-testid="warning-measures-form"] .ant-upload-list-item-done').first().waitFor({ timeout: 15_000 });
  }
  await page.getByTestId('warning-measures-submit').click();
  await form.waitFor({ state: 'hidden', timeout: 15_000 });
  await responseState(page, department, 'reported');
}

describe('warning linkage in the browser', () => {
  it('暴雨红色预警 via CAP: three departments are instructed live, answer with measures, the board shows the loop closed', async () => {
    const photo = path.join(SHOTS, 'warning-photo.png');
    writeFileSync(photo, await pngBytes(640, 480));

    // 后勤部 on a desktop, 生产部 on a phone and 安全环保部 have the warning board open
    const logistics = await loginAs(await newContext(DESKTOP), base, 'logistics');
    const production = await loginAs(await newContext(PHONE), base, 'production');
    const safety = await loginAs(await newContext(DESKTOP), base, 'safety');
    for (const page of [logistics, production, safety]) {
      await page.goto(`${base}/warnings`);
      await page.getByTestId('warning-list').waitFor();
      await realtimeOpen(page);
    }

    // the city weather office pushes its CAP message with the source's API key
    const { xml, identifier } = rainstormRedNow();
    const pushed = await fetch(`${base}/api/v1/warnings/cap`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/cap+xml', 'X-Api-Key': 'demo-cap-key' },
      body: xml,
    });
    const result = (await pushed.json()) as { warningId: string; identifier: string; outcome: string };
    expect(pushed.status, JSON.stringify(result)).toBe(201);
    expect(result).toMatchObject({ identifier, outcome: 'created' });
    const id = result.warningId;

    // each department sees it arrive without a reload, marked as waiting for its answer
    // the visible one: a tab visited before stays in the page, hidden
    const card = (page: Page) => page.locator(`[data-testid="warning-card"][data-id="${id}"]`).filter({ visible: true }).first();
    for (const page of [logistics, production, safety]) {
      await card(page).waitFor({ timeout: 15_000 });
      await page.locator(`[data-testid="warning-card"][data-id="${id}"][data-mine="true"]`).first().waitFor({ timeout: 15_000 });
    }
    await expect(card(logistics).getByTestId('warning-color').getAttribute('data-color')).resolves.toBe('red');
    await settled(logistics);
    await shot(logistics, 'list');
    await shot(production, 'phone-list');

    // the 待本部门响应 tab holds it too
    await logistics.getByTestId('warning-pending-count').click();
    await logistics.getByTestId('warning-pending').locator(`[data-testid="warning-card"][data-id="${id}"]`).waitFor();

    // 安委会 watches the board on a fourth screen
    const committee = await loginAs(await newContext(DESKTOP), base, 'committee');
    await committee.goto(`${base}/warnings/${id}`);
    await committee.getByTestId('warning-board').waitFor();
    await realtimeOpen(committee);
    await committee.locator('[data-testid="warning-loop"][data-loop="open"]').waitFor();
    for (const dept of ['后勤部', '生产部', '安全环保部']) await responseCard(committee, dept).waitFor();
    expect(await committee.locator('[data-testid="warning-response-card"] [data-testid="warning-acknowledge"]').count()).toBe(0); // not theirs to answer

    // 后勤部 opens the board from its card, acknowledges and reports the drainage check
    await card(logistics).click();
    await logistics.waitForURL(new RegExp(`/warnings/${id}$`));
    await logistics.getByTestId('warning-board').waitFor();
    await expect(responseCard(logistics, '后勤部').getByTestId('warning-response-instruction').textContent()).resolves.toBeTruthy();
    await answer(logistics, '后勤部', '已检查厂区排水沟和雨水井，清理雨水篦子 12 处，备好沙袋 200 个、抽水泵 2 台');
    await responseState(committee, '后勤部', 'reported'); // the committee's board follows live

    // 生产部 on the phone: protects the outdoor equipment, with a photo
    await card(production).click();
    await production.getByTestId('warning-board').waitFor();
    await shot(production, 'phone-board', true);
    await answer(production, '生产部', '室外空压机和配电柜已加盖防雨罩，露天物料已转移入库', photo);
    await responseCard(production, '生产部').locator('[data-testid="flow-photo"]').first().waitFor();
    await responseState(committee, '生产部', 'reported');

    // 安全环保部: the emergency team on standby
    await card(safety).click();
    await safety.getByTestId('warning-board').waitFor();
    await answer(safety, '安全环保部', '应急抢险队 15 人已集结待命，值班电话 24 小时畅通');

    // the committee's board closes the loop without a reload
    await committee.locator('[data-testid="warning-board"][data-loop="closed"]').waitFor({ timeout: 15_000 });
    await committee.locator('[data-testid="warning-loop"][data-loop="closed"]').getByText('闭环').waitFor();
    await committee.locator('[data-testid="warning-response-card"] [data-testid="flow-photo"]').first().waitFor();
    await shot(committee, 'board-closed', true);
    await shot(production, 'phone-board-closed', true);
  });

  it('a neighbouring company’s warning raised by hand; rules and sources pages for the safety officer', async () => {
    const safety = await loginAs(await newContext(DESKTOP), base, 'safety');

    // 发布预警: a neighbour reports a leak; the user lands on the new warning's board
    await safety.goto(`${base}/warnings`);
    await safety.getByTestId('warning-raise-button').click();
    await safety.getByTestId('warning-raise-form').waitFor();
    // under load the dialog may still be opening when the radio is clicked: click until the field shows
    await vi.waitFor(async () => {
      await safety.getByTestId('warning-raise-kind').getByText('邻近企业通报').click();
      await safety.getByTestId('warning-raise-neighbour').waitFor({ timeout: 2000 });
    }, { timeout: 30_000, interval: 200 });
    await safety.getByTestId('warning-raise-neighbour').fill('华东化工有限公司');
    await safety.getByTestId('warning-raise-event').click();
    await safety.locator('.ant-select-dropdown:visible').getByText('危化品泄漏', { exact: true }).click();
    await safety.getByTestId('warning-raise-color').getByText('橙色', { exact: true }).click();
    await safety.getByTestId('warning-raise-title').fill('邻厂储罐区液氨泄漏，东侧厂界注意防护');
    await safety.getByTestId('warning-raise-description').fill('华东化工电话通报：14:05 储罐区阀门泄漏，已启动应急处置，下风向请关闭门窗。');
    await shot(safety, 'raise-form');
    await safety.getByTestId('warning-raise-submit').click();
    await safety.waitForURL(/\/warnings\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    await safety.getByTestId('warning-board').waitFor();
    expect(await safety.getByTestId('warning-title').textContent()).toContain('液氨泄漏');
    await safety.locator('[data-testid="warning-source"][data-kind="neighbour"]').waitFor();
    await settled(safety);
    await shot(safety, 'raised-board', true);

    // the history lists every warning with its department states; the home page shows the current ones
    await safety.goto(`${base}/warnings?tab=history`);
    await safety.getByTestId('warning-row').first().waitFor({ timeout: 15_000 });
    await settled(safety);
    await shot(safety, 'history');
    await safety.goto(`${base}/`);
    await safety.getByTestId('home-warning').first().waitFor({ timeout: 15_000 });
    await shot(safety, 'home');
    await safety.goto(`${base}/warnings/rules`);
    await safety.getByTestId('warning-rules').waitFor();
    await safety.getByTestId('warning-rule-row').first().waitFor({ timeout: 15_000 });
    await settled(safety);
    await shot(safety, 'rules');
    await safety.getByTestId('warning-rule-edit').first().click();
    await safety.getByTestId('warning-rule-form').waitFor();
    await safety.getByTestId('warning-rule-instruct').first().waitFor();
    // the drawer has slid in completely
    await safety.waitForFunction(() => {
      const r = document.querySelector('[data-testid="warning-rule-save"]')?.getBoundingClientRect();
      return !!r && r.right <= window.innerWidth;
    });
    await safety.waitForTimeout(300);
    await shot(safety, 'rules-editor');
    await safety.keyboard.press('Escape');

    // a refused message lands in quarantine
    const refused = await fetch(`${base}/api/v1/warnings/cap`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/cap+xml', 'X-Api-Key': 'demo-cap-key' },
      body: readFileSync(path.resolve('test/fixtures/cap/malformed.xml'), 'utf8'),
    });
    expect(refused.status).toBe(422);

    await safety.goto(`${base}/warnings/sources`);
    await safety.getByTestId('warning-source-row').first().waitFor({ timeout: 15_000 });
    await settled(safety);
    await shot(safety, 'sources');
    // a new key is shown once
    await safety.getByTestId('warning-source-new-key').first().click();
    await safety.locator('.ant-popconfirm .ant-btn-primary').click();
    await safety.getByTestId('warning-source-key').waitFor();
    expect(await safety.getByTestId('warning-source-key').textContent()).toMatch(/^zak_/);
    await shot(safety, 'sources-key');
    await safety.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click(); // the popconfirm may still be fading out

    await safety.getByTestId('warning-quarantine-tab').click();
    await safety.getByTestId('warning-quarantine-row').first().click();
    await safety.getByTestId('warning-quarantine-detail').waitFor();
    await shot(safety, 'quarantine');
  });
});
