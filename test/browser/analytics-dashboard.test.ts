/**
 * The analytics dashboard in the browser (C14): the safety officer opens /analytics on the demo
 * company's six months of history; every KPI card shows its figure, every chart draws with data,
 * the site plan is coloured; a click on a department's bar opens that department's hazard list,
 * filtered; the phone layout stacks the cards. Screenshots are kept for a look.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { browserSuite, loginAs, DESKTOP, PHONE, SHOTS } from '../helpers/browser.js';
import { KPI_KEYS } from '../../src/core/analytics/kpis.js';

const suite = browserSuite('analytics');
let base: string;
beforeAll(() => {
  ({ base } = suite);
});

const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: path.join(SHOTS, `analytics-${name}.png`), fullPage });
const CHARTS = ['chart-trend', 'chart-hazards-by-month', 'chart-departments', 'chart-heatmap'];

/** Wait until the page says every chart has drawn and the KPIs have come. */
async function openDashboard(page: Page) {
  await page.goto(`${base}/analytics`);
  await page.locator('[data-testid="analytics-dashboard"][data-ready="true"]').waitFor({ timeout: 30_000 });
}

/** Each chart: a drawn canvas of real size and data points behind it. */
async function expectChartsDrawn(page: Page) {
  for (const id of CHARTS) {
    const chart = page.getByTestId(id);
    const info = await chart.evaluate((el) => {
      const canvas = el.querySelector('canvas');
      return { points: Number(el.getAttribute('data-points')), width: canvas?.width ?? 0, height: canvas?.height ?? 0 };
    });
    expect(info.points, `${id} has data`).toBeGreaterThan(0);
    expect(info.width, `${id} drew a canvas`).toBeGreaterThan(100);
    expect(info.height, `${id} drew a canvas`).toBeGreaterThan(100);
  }
}

describe('analytics dashboard in the browser', () => {
  it('overview: every KPI, every chart with data and the site plan; a department bar opens its filtered hazard list', async () => {
    const page = await loginAs(await suite.newContext(DESKTOP), base, 'safety');
    await openDashboard(page);

    // the eleven KPIs in their three groups; all but the accident rate (no source yet) have a figure
    await expect(page.getByTestId('kpi-card').count()).resolves.toBe(KPI_KEYS.length);
    for (const g of ['safety', 'collaboration', 'process']) await expect(page.getByTestId(`kpi-group-${g}`).isVisible()).resolves.toBe(true);
    for (const key of KPI_KEYS) {
      const value = (await page.locator(`[data-testid="kpi-card"][data-kpi="${key}"] [data-testid="kpi-value"]`).textContent())?.trim();
      if (key === 'accident_rate') expect(value).toBe('—');
      else expect(value, key).toMatch(/\d/);
    }
    // the formula is behind the (?) icon
    await page.locator('[data-testid="kpi-card"][data-kpi="rectification_rate"] [data-testid="kpi-formula"]').hover();
    await page.locator('.ant-tooltip').filter({ hasText: '期内上报的隐患数' }).waitFor();

    await expectChartsDrawn(page);
    // the site plan: every outlined area coloured by density, some with hazards
    const levels = await page.getByTestId('site-plan-area').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-level'))));
    expect(levels.length).toBeGreaterThan(0);
    expect(levels.some((l) => l > 0)).toBe(true);
    await expect(page.getByTestId('satisfaction-value').textContent()).resolves.toMatch(/\d\.\d\d/);
    await page.mouse.move(0, 0);
    await shot(page, 'overview');

    // a click on a department's bar → that department's hazards of the period
    const bars = JSON.parse((await page.getByTestId('chart-departments').getAttribute('data-bars')) ?? '[]') as { departmentId: string; name: string; x: number; y: number }[];
    expect(bars.length).toBeGreaterThan(1);
    const bar = bars[0];
    await page.getByTestId('chart-departments').scrollIntoViewIfNeeded();
    const box = (await page.getByTestId('chart-departments').boundingBox())!;
    await page.mouse.click(box.x + bar.x, box.y + bar.y);
    await page.waitForURL((url) => url.pathname === '/hazards' && url.searchParams.get('departmentId') === bar.departmentId, { timeout: 10_000 });
    const departmentName = bar.name;
    // the list's department filter shows the department picked
    await page.getByTestId('hazard-filter-department').filter({ hasText: departmentName }).waitFor({ timeout: 10_000 });
    const rows = page.locator('[data-testid^="hazard-row-"]');
    await rows.first().waitFor({ timeout: 15_000 });
    const departments = await rows.evaluateAll((trs) => trs.map((tr) => tr.textContent ?? ''));
    expect(departments.length).toBeGreaterThan(0);
    for (const text of departments) expect(text).toContain(departmentName);
    await shot(page, 'drill-hazards', false);
  });

  it('filters live in the URL: a preset period in the query string is applied', async () => {
    const page = await loginAs(await suite.newContext(DESKTOP), base, 'committee');
    await openDashboard(page);
    const heatCells = await page.getByTestId('chart-heatmap').getAttribute('data-points');
    await page.goto(`${base}/analytics?period=last12`);
    await page.locator('[data-testid="analytics-dashboard"][data-ready="true"]').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('analytics-preset').textContent()).resolves.toContain('近12个月');
    expect(Number(await page.getByTestId('chart-heatmap').getAttribute('data-points'))).toBeGreaterThanOrEqual(Number(heatCells));
  });

  it('phone: the KPI cards stack and the charts take the full width', async () => {
    const page = await loginAs(await suite.newContext(PHONE), base, 'safety');
    await openDashboard(page);
    await expectChartsDrawn(page);
    const cards = await page.getByTestId('kpi-card').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: Math.round(r.x), w: Math.round(r.width) })));
    // one column: every card starts at the same x and is nearly as wide as the screen
    expect(new Set(cards.map((c) => c.x)).size).toBe(1);
    for (const c of cards) expect(c.w).toBeGreaterThan(300);
    for (const id of CHARTS) {
      const w = await page.getByTestId(id).evaluate((el) => el.getBoundingClientRect().width);
      expect(w, id).toBeGreaterThan(300);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shot(page, 'phone-top', false);
    await page.getByTestId('chart-trend').scrollIntoViewIfNeeded();
    await shot(page, 'phone-charts', false);
    await page.getByTestId('site-plan').scrollIntoViewIfNeeded();
    await shot(page, 'phone-plan', false);
  });

  it('admin: bottlenecks with suggestions, the department ranking and the targets table', async () => {
    const page = await loginAs(await suite.newContext(DESKTOP), base, 'admin');
    await page.goto(`${base}/analytics/bottlenecks`);
    const flow = page.getByTestId('bottleneck-flow').first();
    await flow.waitFor({ timeout: 30_000 });
    await expect(flow.getAttribute('data-template')).resolves.toBe('hazard');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="bottleneck-chart-0"]')?.getAttribute('data-points')) > 0, undefined, { timeout: 15_000 });
    // a process's cases open in the case list, filtered by template and the period's days
    const caseLink = await page.locator('[data-testid="bottleneck-flow"]:not([data-template="hazard"]) [data-testid="bottleneck-open-cases"]').first().getAttribute('href');
    expect(caseLink).toMatch(/^\/flows\/instances\?templateId=[0-9a-f-]{36}&from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-\d{2}$/);
    await page.waitForTimeout(500);
    await shot(page, 'bottlenecks');

    await page.goto(`${base}/analytics/ranking`);
    await page.getByTestId('ranking-table').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('ranking-weights').textContent()).resolves.toMatch(/\d+%/);
    await page.waitForTimeout(500);
    await shot(page, 'ranking');

    await page.goto(`${base}/analytics/targets`);
    const input = page.getByTestId('target-target-rectification_rate');
    await input.waitFor({ timeout: 30_000 });
    await input.fill('96');
    await page.getByTestId('target-save-rectification_rate').click();
    await page.locator('.ant-message').filter({ hasText: '已保存' }).waitFor({ timeout: 10_000 });
    await shot(page, 'targets');
  });
});
