/**
 * The standards page shows the periodic, training and reporting sections (with a tenant version
 * that predates them reading the national defaults), the calculator answers the new kinds with
 * the shared evaluate(), and the editor saves the tenant's choices — desktop and phone.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, loginAs, pickOption as pick, DESKTOP, PHONE, SHOTS } from '../helpers/browser.js';
import { DEFAULT_STANDARDS, type StandardsDocument } from '../../src/core/standards/index.js';

const suite = browserSuite('standards-rules');
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `standards-rules-${name}.png`), fullPage: true });

/** The input element of an antd control, whether the test id sits on the input or around it. */
const inputOf = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]`).locator('xpath=self::input | .//input').first();

/** Type a date into an antd DatePicker, confirm it and close the picker. */
async function typeDate(page: Page, testId: string, value: string) {
  const input = inputOf(page, testId);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await page.keyboard.press('Escape');
}

describe('统一标准: periodic, training and reporting sections', () => {
  it('a version saved before these sections existed shows the national defaults, marked as such', async () => {
    const { t, base } = suite;
    const d = structuredClone(DEFAULT_STANDARDS) as Partial<StandardsDocument>;
    for (const k of ['specialEquipment', 'hazardTypes', 'areaChecks', 'trainingHours', 'certificates', 'accidentReporting'] as const) delete d[k];
    await t.database.owner.query(`INSERT INTO standards_versions (tenant_id, version, document, note) VALUES ($1, 2, $2, '升级前保存的版本')`, [t.tenantId, JSON.stringify(d)]);

    const page = await loginAs(await suite.newContext(DESKTOP), base, 'safety');
    await page.goto(`${base}/standards?tab=specialEquipment`);
    const section = page.getByTestId('standards-special-equipment');
    await section.waitFor();
    await expect.poll(() => page.getByTestId('standards-version').textContent()).toContain('第 2 版');
    expect(await page.getByTestId('special-equipment-defaulted').isVisible()).toBe(true);
    expect(await page.getByTestId('interval-bridge_crane').textContent()).toBe('2 年');
    expect(await page.getByTestId('apply-rule').textContent()).toContain('1 个月');
    await shot(page, 'special-equipment-desktop');

    await page.goto(`${base}/standards?tab=hazardTypes`);
    await page.getByTestId('standards-hazard-types').waitFor();
    expect(await page.getByTestId('check-frequency-red').textContent()).toBe('每季度');
    expect(await page.getByTestId('adaptive-rule').textContent()).toContain('最近 2 次隐患为同一类型');
    await shot(page, 'hazard-types-desktop');

    await page.goto(`${base}/standards?tab=training`);
    await page.getByTestId('standards-training').waitFor();
    expect(await page.getByTestId('hours-safety_manager-high-initial').textContent()).toBe('48 学时');
    expect(await page.getByTestId('hours-employee-other-annual').textContent()).toBe('未作规定');
    await shot(page, 'training-desktop');

    await page.goto(`${base}/standards?tab=reporting`);
    await page.getByTestId('standards-reporting').waitFor();
    expect(await page.getByTestId('chain-larger').textContent()).toContain('省级 ≤ 5 小时');
    await shot(page, 'reporting-desktop');
  });

  it('the calculator answers the new kinds as the server does', async () => {
    const { base } = suite;
    const page = await loginAs(await suite.newContext(DESKTOP), base, 'safety');
    await page.goto(`${base}/standards?tab=calculator`);
    await page.getByTestId('standards-calculator').waitFor();

    await pick(page, 'calc-kind', '特种设备检验');
    await pick(page, 'calc-equipmentType', '电梯');
    await typeDate(page, 'calc-lastInspection', '2024-03-31');
    await expect.poll(() => page.getByTestId('calc-applyBy').textContent()).toBe('2025-02-28');
    expect(await page.getByTestId('calc-nextDue').textContent()).toBe('2025-03-31');
    await shot(page, 'calculator-equipment-desktop');

    await pick(page, 'calc-kind', '隐患类型建议');
    await page.getByTestId('calc-text').fill('二号车间配电箱门未关闭，电线裸露');
    await expect.poll(() => page.getByTestId('calc-suggested').textContent()).toBe('电气');

    await pick(page, 'calc-kind', '区域检查频次');
    await typeDate(page, 'calc-asOf', '2025-04-30');
    await page.getByTestId('calc-add-hazard').click();
    await page.getByTestId('calc-add-hazard').click();
    for (const [i, day] of [[0, '2025-01-03'], [1, '2025-01-10']] as const) {
      const input = page.getByTestId(`calc-hazard-${i}`).locator('input').first();
      await input.click();
      await input.fill(day);
      await input.press('Enter');
      await page.keyboard.press('Escape');
    }
    await expect.poll(() => page.getByTestId('calc-frequency').textContent()).toBe('每两周');
    expect(await page.getByTestId('calc-reason').textContent()).toContain('近两次隐患均为特种设备类');
    await shot(page, 'calculator-frequency-desktop');

    await pick(page, 'calc-kind', '事故报告时限');
    await typeDate(page, 'calc-occurredAt', '2026-03-01 09:30');
    await inputOf(page, 'calc-deaths').fill('3');
    await expect.poll(() => page.getByTestId('calc-accident-level').textContent()).toBe('较大');
    // times shown in UTC+8: the county by 10:30, the province by 14:30
    expect(await page.getByTestId('calc-by-county').textContent()).toContain('2026-03-01 10:30');
    expect(await page.getByTestId('calc-by-province').textContent()).toContain('2026-03-01 14:30');
    await shot(page, 'calculator-reporting-desktop');
  });

  it('the editor saves the tenant’s check frequencies and reminder lead times as a new version', async () => {
    const { t, base } = suite;
    const page = await loginAs(await suite.newContext(DESKTOP), base, 'safety');
    await page.goto(`${base}/standards?tab=hazardTypes`);
    await page.getByTestId('standards-edit').click();
    await page.getByTestId('standards-edit-form').waitFor();
    await page.getByRole('tab', { name: '隐患类型与检查频次' }).click();
    await pick(page, 'edit-check-frequency-red', '每月');
    await inputOf(page, 'edit-clean-months').fill('2');
    await shot(page, 'editor-hazard-types-desktop');
    await page.getByRole('tab', { name: '提醒提前量' }).click();
    await inputOf(page, 'edit-expiring-days').fill('45');
    await page.getByTestId('edit-note').fill('安委会决定：重大风险管控措施每月检查');
    await page.getByTestId('standards-save').click();
    await expect.poll(() => page.getByTestId('standards-version').textContent()).toContain('第 3 版');
    await expect.poll(() => page.getByTestId('check-frequency-red').textContent()).toBe('每月');
    expect(await page.getByTestId('hazard-types-defaulted').count()).toBe(0);

    const safety = await t.login('safety');
    const current = (await safety.get('/api/v1/standards')).body;
    expect(current).toMatchObject({ version: 3, defaultedSections: [] });
    expect(current.document.areaChecks).toMatchObject({ cleanMonths: 2, levels: expect.arrayContaining([expect.objectContaining({ color: 'red', frequency: 'monthly' })]) });
    expect(current.document.certificates.expiringSoonDays).toBe(45);
    expect(current.document.trainingHours).toEqual(DEFAULT_STANDARDS.trainingHours);
  });

  it('on a phone the sections and the calculator fit the screen', async () => {
    const { base } = suite;
    const page = await loginAs(await suite.newContext(PHONE), base, 'safety');
    for (const tab of ['specialEquipment', 'hazardTypes', 'training', 'reporting', 'calculator']) {
      await page.goto(`${base}/standards?tab=${tab}`);
      await page.getByTestId('standards-page').waitFor();
      await page.waitForTimeout(300);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, tab).toBeLessThanOrEqual(1);
      await shot(page, `${tab}-phone`);
    }
    await pick(page, 'calc-kind', '特种作业证复审');
    await typeDate(page, 'calc-issuedOn', '2020-02-29');
    await expect.poll(() => page.getByTestId('calc-expiresOn').textContent()).toBe('2026-02-28');
    expect(await page.getByTestId('calc-reviewWindow').textContent()).toBe('2022-12-30 – 2023-02-28');
    await shot(page, 'calculator-certificate-phone');
  });

  it('in English', async () => {
    const { t, base } = suite;
    // the interface language is the user's own setting
    expect((await (await t.login('safety')).patch('/api/v1/me', { locale: 'en-US' })).status).toBe(200);
    const page = await loginAs(await suite.newContext(DESKTOP), base, 'safety');
    await page.goto(`${base}/standards?tab=training`);
    await page.getByTestId('standards-training').waitFor();
    await expect.poll(() => page.getByRole('tab', { name: 'Training & certificates' }).count()).toBe(1);
    expect(await page.getByTestId('hours-employee-other-annual').textContent()).toBe('Not set');
    await shot(page, 'training-en');
  });
});
