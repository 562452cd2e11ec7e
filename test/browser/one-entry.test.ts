/**
 * "一次录入、多部门共享" end to end in the browser: 生产部 scans the QR code on a lathe and reports a
 * fault on a phone; 设备部 sees the repair order arrive live and works it; 人事部 sees the
 * qualification check live and confirms it; the hazard shows 各部门进展 updating by itself.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { browserSuite, loginAs, PHONE, DESKTOP, SHOTS } from '../helpers/browser.js';
import type { TestApp } from '../helpers/app.js';

const suite = browserSuite('one-entry');
const newContext = suite.newContext;
let t: TestApp;
let base: string;
beforeAll(() => {
  ({ t, base } = suite); // the suite's own beforeAll ran first: the server is up
});

const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: path.join(SHOTS, `one-entry-${name}.png`), fullPage });

async function realtimeOpen(page: Page) {
  await page.locator('[data-testid="realtime-status"][data-state="open"]').waitFor({ timeout: 15_000 });
}

describe('one entry, every department', () => {
  it('a fault reported once on a phone reaches 设备部, 人事部 and the hazard’s progress, live', async () => {
    const [cnc] = await t.database.owner.query<{ id: string }>("SELECT id::text FROM equipment WHERE tenant_id = $1 AND code = 'CNC-002'", [t.tenantId]);

    // 设备部 and 人事部 have their pages open on desktops
    const equipmentCtx = await newContext(DESKTOP);
    const equipment = await loginAs(equipmentCtx, base, 'equipment');
    await equipment.goto(`${base}/repairs`);
    await equipment.getByTestId('repair-list').waitFor();
    await realtimeOpen(equipment);
    await shot(equipment, 'repairs-before');

    const hrCtx = await newContext(DESKTOP);
    const hr = await loginAs(hrCtx, base, 'hr');
    await hr.goto(`${base}/qualifications`);
    await hr.getByRole('heading', { name: '资质核查' }).waitFor();
    await realtimeOpen(hr);

    // 生产部 scans the lathe's QR code: the code's address opens the report form pre-filled
    const phoneCtx = await newContext(PHONE);
    const production = await loginAs(phoneCtx, base, 'production');
    const qr = await production.request.get(`${base}/api/v1/equipment/${cnc.id}/qr.svg`);
    expect(qr.status()).toBe(200);
    const target = qr.headers()['x-qr-target'];
    expect(target).toBe(`${base}/hazards/new?equipmentId=${cnc.id}`);
    await production.goto(target);
    await production.getByTestId('bottom-nav').waitFor();
    await production.getByTestId('hazard-form-equipment').getByText('CNC-002', { exact: false }).waitFor({ timeout: 15_000 });
    await production.getByTestId('hazard-form-area').getByText('一号机加工车间').waitFor();
    const title = `CNC-002 主轴异响、卡盘松动 ${Date.now() % 100000}`;
    await production.getByTestId('hazard-form-title').fill(title);
    await production.getByTestId('hazard-form-description').fill('早班开机后主轴有明显异响，卡盘夹紧力不足，已停机挂牌');
    await shot(production, 'phone-form', true);
    await production.getByTestId('hazard-form-submit').click();
    await production.waitForURL(/\/hazards\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    const hazardId = production.url().split('/').pop()!;
    const [hazard] = await t.database.owner.query<{ code: string }>('SELECT code FROM hazards WHERE id = $1', [hazardId]);

    // the repair order arrives on 设备部's list without a reload
    await equipment.getByTestId('repair-new-tag').first().waitFor({ timeout: 20_000 });
    const [order] = await t.database.owner.query<{ id: string; code: string }>('SELECT id::text, code FROM repair_orders WHERE hazard_id = $1', [hazardId]);
    const row = equipment.getByTestId(`repair-row-${order.code}`);
    await row.waitFor();
    expect(await row.textContent()).toContain('CNC-002');
    await shot(equipment, 'repairs-live');

    // 人事部 sees the check arrive, with the expired certificate in red
    const check = hr.locator(`[data-testid="qualification-check"][data-hazard="${hazard.code}"]`);
    await check.waitFor({ timeout: 20_000 });
    await expect.poll(() => check.getByTestId('qualification-summary').textContent()).toContain('1/2');
    expect(await check.locator('[data-testid="qualification-operator"][data-qualified="false"]').count()).toBe(1);
    await check.locator('[data-testid="qualification-cert"][data-status="expired"]').first().waitFor();
    await check.scrollIntoViewIfNeeded();
    await shot(hr, 'qualifications-live');

    // the reporter's phone shows the departments' progress, which follows the work live
    const progress = production.getByTestId('dept-progress');
    await progress.waitFor({ timeout: 15_000 });
    await production.locator('[data-testid="dept-progress-repair"][data-status="open"]').waitFor({ timeout: 20_000 });
    await production.locator('[data-testid="dept-progress-qualification"][data-status="pending"]').waitFor({ timeout: 20_000 });

    // 设备部 takes the order with a repair plan, then completes it
    await row.click();
    await equipment.waitForURL(`${base}/repairs/${order.id}`);
    await equipment.getByTestId('repair-action-start').click();
    await equipment.getByTestId('repair-start-plan').fill('拆检主轴箱，更换前端角接触轴承 7014C 并重新预紧；紧固卡盘，试运行 2 小时');
    await shot(equipment, 'repair-start-modal');
    await equipment.getByTestId('repair-start-ok').click();
    await equipment.locator('[data-testid="repair-detail"][data-status="in_progress"]').waitFor();
    await production.locator('[data-testid="dept-progress-repair"][data-status="in_progress"]').waitFor({ timeout: 15_000 });
    await equipment.getByTestId('repair-action-complete').click();
    await equipment.getByTestId('repair-complete-note').fill('轴承已更换，空载试运行 2 小时无异响，卡盘夹紧力正常');
    await equipment.getByTestId('repair-complete-ok').click();
    await equipment.locator('[data-testid="repair-detail"][data-status="done"]').waitFor();
    await equipment.locator('[data-testid="dept-progress-repair"][data-status="done"]').waitFor();
    await shot(equipment, 'repair-done', true);

    // 人事部 confirms after checking
    await check.getByTestId('qualification-confirm').click();
    await hr.getByTestId('qualification-confirm-note').fill('已通知该员工停止操作数控车床，安排复训考核合格后再上岗');
    await hr.getByTestId('qualification-confirm-ok').click();
    await hr.locator(`[data-testid="qualification-check"][data-hazard="${hazard.code}"][data-status="confirmed"]`).waitFor();
    await shot(hr, 'qualifications-confirmed');

    // every department's progress on the one record, updated on the reporter's phone by itself
    await production.locator('[data-testid="dept-progress-repair"][data-status="done"]').waitFor({ timeout: 15_000 });
    await production.locator('[data-testid="dept-progress-qualification"][data-status="confirmed"]').waitFor({ timeout: 15_000 });
    await production.getByTestId('dept-progress-assessor').waitFor();
    await production.getByTestId('dept-progress-reporter').waitFor();
    await progress.scrollIntoViewIfNeeded();
    await shot(production, 'phone-progress', true);

    // the safety officer's desktop view of the same record
    const safetyCtx = await newContext(DESKTOP);
    const safety = await loginAs(safetyCtx, base, 'safety');
    await safety.goto(`${base}/hazards/${hazardId}`);
    await safety.locator('[data-testid="dept-progress-qualification"][data-status="confirmed"]').waitFor();
    await expect.poll(() => safety.locator('[data-testid^="dept-progress-"][data-status]').count()).toBe(4);
    await safety.getByTestId('dept-progress').scrollIntoViewIfNeeded();
    await shot(safety, 'safety-detail', true);

  });

  it('设备部 works its orders on a phone too', async () => {
    const ctx = await newContext(PHONE);
    const equipment = await loginAs(ctx, base, 'equipment');
    await equipment.goto(`${base}/repairs?status=in_progress`);
    const first = equipment.locator('[data-testid^="repair-row-"]').first();
    await first.waitFor();
    await equipment.waitForTimeout(500); // let the list's fade-in finish before the picture
    await shot(equipment, 'phone-repairs', true);
    await first.click();
    await equipment.getByTestId('repair-detail').waitFor();
    await equipment.getByTestId('dept-progress-repair').waitFor();
    await shot(equipment, 'phone-repair-detail', true);
  });

  it('prints the QR codes of every area and piece of equipment', async () => {
    const ctx = await newContext(DESKTOP);
    const safety = await loginAs(ctx, base, 'safety');
    await safety.goto(`${base}/qr-codes`);
    await safety.getByTestId('qr-group-equipment').waitFor();
    const [{ n }] = await t.database.owner.query<{ n: number }>(
      'SELECT ((SELECT count(*) FROM areas WHERE tenant_id = $1) + (SELECT count(*) FROM equipment WHERE tenant_id = $1))::int AS n',
      [t.tenantId],
    );
    expect(await safety.getByTestId('qr-label').count()).toBe(n);
    // every image loaded (the SVGs come from the API with the session cookie)
    await expect
      .poll(() => safety.locator('[data-testid="qr-label"] img').evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length), {
        timeout: 15_000,
      })
      .toBe(n);
    await shot(safety, 'qr-screen');
    await safety.emulateMedia({ media: 'print' });
    expect(await safety.locator('.ant-layout-sider').isVisible()).toBe(false);
    await shot(safety, 'qr-print', true);
    const pdf = await safety.pdf({ format: 'A4', printBackground: true }).catch(() => null);
    if (pdf) {
      expect(pdf.length).toBeGreaterThan(10_000);
      (await import('node:fs')).writeFileSync(path.join(SHOTS, 'one-entry-qr.pdf'), pdf);
    }
    // people outside safety and admin have no such menu entry
    const wctx = await newContext(DESKTOP);
    const worker = await loginAs(wctx, base, 'hr');
    await worker.goto(`${base}/qr-codes`);
    await worker.getByTestId('forbidden').waitFor();
  });
});
