import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, startServer, loginAs, PHONE, DESKTOP, SHOTS } from '../helpers/browser.js';
import { pngBytes, type TestApp } from '../helpers/app.js';

let browser: Browser;
let t: TestApp;
let base: string;
beforeAll(async () => {
  ({ t, base } = await startServer());
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('a worker reports a hazard on a phone; the safety department sees it live', () => {
  it('appears in the safety officer’s list and notification centre without a reload', async () => {
    const safetyContext = await browser.newContext(DESKTOP);
    const safety = await loginAs(safetyContext, base, 'safety');
    await safety.goto(`${base}/hazards`);
    await safety.getByTestId('hazard-table').waitFor();
    await expectRealtimeOpen(safety);
    const unreadBefore = Number((await safety.getByTestId('notification-count').textContent().catch(() => '0')) || 0);
    await safety.screenshot({ path: path.join(SHOTS, 'safety-list-before.png') });

    const phone = await browser.newContext(PHONE);
    const worker = await loginAs(phone, base, 'worker');
    await worker.goto(`${base}/hazards/new`);
    await worker.getByTestId('bottom-nav').waitFor();
    const title = `车床防护罩缺失 ${Date.now() % 100000}`;
    await worker.getByTestId('hazard-form-title').fill(title);
    await worker.getByTestId('hazard-form-description').fill('一号机加工车间 3 号车床，防护罩拆下后未装回');
    const photo = path.join(SHOTS, 'photo.png');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(photo, await pngBytes(640, 480));
    await worker.getByTestId('hazard-form-photos').setInputFiles(photo);
    await worker.locator('.ant-upload-list-item-done, .ant-upload-list-item:not(.ant-upload-list-item-uploading)').first().waitFor({ timeout: 15_000 });
    await worker.screenshot({ path: path.join(SHOTS, 'worker-phone-form.png'), fullPage: true });
    await worker.getByTestId('hazard-form-submit').click();
    await worker.waitForURL(/\/hazards\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    await worker.getByText(title).first().waitFor();
    await worker.screenshot({ path: path.join(SHOTS, 'worker-phone-detail.png'), fullPage: true });

    // the record exists once, with its photo
    const [row] = await t.database.owner.query<{ code: string; photos: string[] }>('SELECT code, photos FROM hazards WHERE title = $1', [title]);
    expect(row.photos).toHaveLength(1);

    // the safety officer's page updates by itself
    await safety.getByTestId(`hazard-row-${row.code}`).waitFor({ timeout: 15_000 });
    await expect
      .poll(async () => Number((await safety.getByTestId('notification-count').textContent()) || 0), { timeout: 15_000 })
      .toBeGreaterThan(unreadBefore);
    await safety.screenshot({ path: path.join(SHOTS, 'safety-list-live.png') });
    await safety.getByTestId('notification-bell').click();
    await safety.getByTestId('notification-item').filter({ hasText: title }).first().waitFor();
    await safety.screenshot({ path: path.join(SHOTS, 'safety-notifications.png') });
    await phone.close();
    await safetyContext.close();
  });
});

async function expectRealtimeOpen(page: import('playwright-core').Page) {
  await page.locator('[data-testid="realtime-status"][data-state="open"]').waitFor({ timeout: 15_000 });
}
