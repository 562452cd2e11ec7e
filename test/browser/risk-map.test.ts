import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startServer, loginAs, pickOption as pick, DESKTOP, PHONE, SHOTS } from '../helpers/browser.js';
import type { Client, TestApp } from '../helpers/app.js';
import { COLOR_HEX } from '../../src/web/modules/standards/format.js';
import { GREY } from '../../src/web/modules/risks/format.js';

let browser: Browser;
let t: TestApp;
let base: string;
let safetyApi: Client;
let major: { id: string; code: string };
beforeAll(async () => {
  ({ t, base } = await startServer());
  browser = await launchBrowser();
  safetyApi = await t.login('safety');
  // an open 重大隐患 in the hazardous-chemicals store, so the map has a red flag
  const ids = await t.ids();
  const worker = await t.login('worker');
  const reported = await worker.post('/api/v1/hazards', { title: '危化品仓库可燃气体报警器失效', areaId: ids.areas.B03, departmentId: ids.departments.safety });
  const assessed = await safetyApi.post(`/api/v1/hazards/${reported.body.id}/assess`, { version: 1, grade: 'major', basis: '防爆区域报警失效' });
  expect(assessed.status).toBe(200);
  major = { id: reported.body.id, code: reported.body.code };
  // an area not on the plan yet, to be drawn in the test
  await t.database.owner.query(`INSERT INTO areas (tenant_id, code, name, kind) VALUES ($1, 'F01', '消防水池泵房', 'utility')`, [t.tenantId]);
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

/** Screen position of a site-plan pixel, from the plan image's box. */
async function planToScreen(page: Page, x: number, y: number) {
  const box = (await page.locator('img.zhian-map-plan').boundingBox())!;
  return { x: box.x + (x / 1600) * box.width, y: box.y + (y / 1000) * box.height };
}


describe('four-colour risk map and risk notice card', () => {
  it('safety sees the plan, areas in their highest risk colour and hazard markers; draws a new area', async () => {
    const api = (await safetyApi.get('/api/v1/risk-map')).body;
    const context = await browser.newContext(DESKTOP);
    const page = await loginAs(context, base, 'safety');
    await page.goto(`${base}/risk-map`);
    await page.getByTestId('risk-map-canvas').waitFor();
    await expect.poll(() => page.locator('.leaflet-overlay-pane path[data-testid="map-area"]').count(), { timeout: 15_000 }).toBe(15);
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('img.zhian-map-plan');
      return !!img && img.complete && img.naturalWidth === 1600;
    });

    // each outline's fill is the area's highest colour in the 安委办〔2016〕11号 palette; grey for none
    const fills = await page.locator('.leaflet-overlay-pane path[data-testid="map-area"]').evaluateAll((paths) =>
      paths.map((p) => ({ code: p.getAttribute('data-area'), fill: p.getAttribute('fill'), colour: p.getAttribute('data-color') })),
    );
    for (const f of fills) {
      const area = api.areas.find((a: any) => a.code === f.code);
      expect(f.fill, f.code!).toBe(area.color ? COLOR_HEX[area.color as keyof typeof COLOR_HEX] : GREY);
    }
    expect(fills.find((f) => f.code === 'B03')!.fill).toBe(COLOR_HEX.red);
    expect(fills.find((f) => f.code === 'C01')!.fill).toBe(COLOR_HEX.orange);
    expect(fills.find((f) => f.code === 'A01')!.fill).toBe(COLOR_HEX.yellow);
    expect(fills.find((f) => f.code === 'B02')!.fill).toBe(COLOR_HEX.blue);

    // open hazards as markers, the major one as a red flag
    const open = api.areas.reduce((n: number, a: any) => n + a.openHazards.length, 0);
    expect(open).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.leaflet-marker-pane .zhian-map-hazard').count()).toBe(open);
    await page.locator(`.leaflet-marker-pane [data-hazard="${major.code}"][data-testid="map-hazard-major"]`).waitFor();
    await page.getByTestId('risk-map-legend').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, 'risk-map.png') });

    // click an area: its popup lists its risk points and open hazards
    await page.getByTestId('map-area-item-B03').click();
    const popup = page.getByTestId('area-popup');
    await popup.waitFor();
    await expect.poll(() => popup.getAttribute('data-area')).toBe('B03');
    await popup.getByText('危化品仓库火灾爆炸').waitFor();
    await popup.getByText(major.code, { exact: false }).waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(SHOTS, 'risk-map-popup.png') });
    await page.keyboard.press('Escape');
    await page.getByTestId('risk-map-fit').click();
    await page.waitForTimeout(500);

    // draw 消防水池泵房 around the fire-water pool: click corners, double-click to finish, assign, save
    await page.getByTestId('risk-map-draw').click();
    await page.getByTestId('risk-map-drawing').waitFor();
    const corners: [number, number][] = [
      [870, 320],
      [1010, 320],
      [1010, 420],
    ];
    for (const [x, y] of corners) {
      const p = await planToScreen(page, x, y);
      await page.mouse.click(p.x, p.y);
      await page.waitForTimeout(350); // not a double-click
    }
    const last = await planToScreen(page, 870, 420);
    await page.mouse.dblclick(last.x, last.y);
    await expect.poll(() => page.getByTestId('risk-map-vertices').textContent()).toContain('4');
    await page.getByTestId('risk-map-assign').click();
    await page.keyboard.type('F01');
    await page.keyboard.press('Enter');
    await page.screenshot({ path: path.join(SHOTS, 'risk-map-drawing.png') });
    await page.getByTestId('risk-map-save').click();
    await expect.poll(() => page.locator('.leaflet-overlay-pane path[data-area="F01"]').count(), { timeout: 10_000 }).toBe(1);
    const [row] = await t.database.owner.query<{ polygon: [number, number][] }>(`SELECT polygon FROM areas WHERE tenant_id = $1 AND code = 'F01'`, [t.tenantId]);
    expect(row.polygon).toHaveLength(4);
    row.polygon.forEach(([x, y], i) => {
      expect(Math.abs(x - [870, 1010, 1010, 870][i])).toBeLessThan(4);
      expect(Math.abs(y - [320, 320, 420, 420][i])).toBeLessThan(4);
    });
    expect(await page.locator('.leaflet-overlay-pane path[data-area="F01"]').getAttribute('fill')).toBe(GREY);
    await context.close();
  });

  it('a worker sees the map without editing controls', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await loginAs(context, base, 'worker');
    await page.goto(`${base}/risk-map`);
    await expect.poll(() => page.locator('.leaflet-overlay-pane path[data-testid="map-area"]').count(), { timeout: 15_000 }).toBe(16);
    expect(await page.getByTestId('risk-map-draw').count()).toBe(0);
    expect(await page.getByTestId('site-plan-upload').count()).toBe(0);
    await context.close();
  });

  it('the risk notice card shows the point in its colour with its QR code and prints on one A4 page', async () => {
    const list = (await safetyApi.get('/api/v1/risk-points?pageSize=200')).body.items;
    const point = list.find((p: any) => p.name === '危化品仓库火灾爆炸');
    const context = await browser.newContext(DESKTOP);
    const page = await loginAs(context, base, 'safety');
    await page.goto(`${base}/risk-points/${point.id}/card`);
    const card = page.getByTestId('risk-card');
    await card.waitFor();
    expect(await card.getAttribute('data-color')).toBe('red');
    expect(await page.getByTestId('risk-card-name').textContent()).toBe('危化品仓库火灾爆炸');
    expect(await page.getByTestId('risk-card-level').textContent()).toBe('重大风险');
    const band = await page.getByTestId('risk-card-band').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(band).toBe('rgb(232, 54, 59)'); // COLOR_HEX.red
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="risk-card-qr"]');
      return !!img && img.complete && img.naturalWidth > 0;
    });
    await card.getByText('安全环保部').first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'risk-card.png'), fullPage: true });

    // printed: no app chrome, one A4 page
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.ant-layout-sider').isVisible()).toBe(false);
    expect(await page.locator('.zhian-header').isVisible()).toBe(false);
    expect(await page.getByTestId('risk-card-print').isVisible()).toBe(false);
    await page.screenshot({ path: path.join(SHOTS, 'risk-card-print.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    writeFileSync(path.join(SHOTS, 'risk-card.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages).toHaveLength(1);
    await context.close();

    // what a worker sees after scanning the posted card's QR code with a phone
    const phone = await browser.newContext(PHONE);
    const workerPage = await loginAs(phone, base, 'worker');
    await workerPage.goto(`${base}/risk-points/${point.id}/card`);
    await workerPage.getByTestId('risk-card').waitFor();
    await workerPage.getByTestId('bottom-nav').waitFor();
    await workerPage.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="risk-card-qr"]');
      return !!img && img.complete && img.naturalWidth > 0;
    });
    const overflow = await workerPage.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await workerPage.screenshot({ path: path.join(SHOTS, 'risk-card-phone.png'), fullPage: true });
    await phone.close();
  });

  it('the risk point list: colour tags, filters, and a new point assessed live in the drawer', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await loginAs(context, base, 'safety');
    await page.goto(`${base}/risk-points`);
    await page.getByTestId('risk-table').waitFor();
    await page.getByTestId('risk-point-FX-0001').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'risk-points.png') });

    await page.getByTestId('risk-create').click();
    const form = page.getByTestId('risk-form');
    await form.waitFor();
    await page.getByTestId('risk-form-name').fill('数控车床二号机机械伤害');
    await page.getByTestId('risk-form-area').click();
    await page.keyboard.type('A01');
    await page.keyboard.press('Enter');
    for (const [factor, option] of [
      ['l', '3 — 可能，但不经常'],
      ['e', '6 — 每天工作时间内暴露'],
      ['c', '7 — 严重，重伤'],
    ]) {
      await pick(page, `risk-factor-${factor}`, option);
    }
    const result = page.getByTestId('risk-result');
    await expect.poll(() => result.getAttribute('data-score')).toBe('126');
    expect(await result.getAttribute('data-level')).toBe('significant');
    // the management level follows the colour: yellow → 班组级
    await expect.poll(() => page.getByTestId('risk-form-level').locator('.ant-segmented-item-selected').textContent()).toBe('班组级');
    await page.getByTestId('risk-form-department').click();
    await page.keyboard.type('生产部');
    await page.keyboard.press('Enter');
    await page.getByTestId('risk-form-control-emergency').fill('立即按下急停按钮，切断电源');
    await page.screenshot({ path: path.join(SHOTS, 'risk-point-drawer.png') });
    await page.getByTestId('risk-form-save').click();
    await page.getByText('数控车床二号机机械伤害').first().waitFor({ timeout: 10_000 });
    const rows = await t.database.owner.query<{ score: string; color: string; management_level: string; standards_version: number }>(
      `SELECT score, color, management_level, standards_version FROM risk_points WHERE name = '数控车床二号机机械伤害'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ color: 'yellow', management_level: 'team', standards_version: 1 });
    expect(Number(rows[0].score)).toBe(126);
    await context.close();
  });
});
