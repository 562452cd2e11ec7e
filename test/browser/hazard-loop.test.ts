import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
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

/** Opens an antd Select by its test id and clicks the option containing `text`. */
async function pick(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: text }).first().click();
}

async function expectStatus(page: Page, status: string) {
  await page.locator(`[data-testid="hazard-detail"] [data-testid="hazard-status"][data-status="${status}"]`).first().waitFor({ timeout: 15_000 });
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `loop-${name}.png`), fullPage: true });

describe('the closed loop in the browser: 评估定级 → 整改派发 → 提交整改 → 验收 → 销号', () => {
  it('safety assesses and dispatches to 设备部/刘洋, equipment submits with a photo on a phone, safety accepts', async () => {
    const ids = await t.ids();
    const worker = await t.login('worker');
    const title = `冲床光电保护失效 ${Date.now() % 100000}`;
    const created = await worker.post('/api/v1/hazards', { title, description: '2号冲床光电保护遮挡后不停机', departmentId: ids.departments.equipment });
    expect(created.status).toBe(201);
    const url = `${base}/hazards/${created.body.id}`;

    // 评估定级 (safety, desktop)
    const safetyContext = await browser.newContext(DESKTOP);
    const safety = await loginAs(safetyContext, base, 'safety');
    await safety.goto(url);
    await expectStatus(safety, 'reported');
    await safety.locator('[data-testid="hazard-steps"][data-current="assess"]').waitFor();
    expect(await safety.getByTestId('hazard-action-dispatch').count()).toBe(0);
    await safety.getByTestId('hazard-action-assess').click();
    await safety.getByTestId('hazard-assess-form').waitFor();
    // the figures preview follows the unified standard
    await safety.getByTestId('hazard-assess-form').getByText('按后果测算').click();
    await safety.getByTestId('hazard-assess-loss').fill('600000');
    await safety.locator('[data-testid="hazard-assess-preview"][data-grade="major"]').waitFor();
    await safety.getByTestId('hazard-assess-loss').fill('80000');
    await safety.locator('[data-testid="hazard-assess-preview"][data-grade="general"]').waitFor();
    // graded by judgement, with an LEC evaluation: D = 6 × 6 × 7 = 252 (高度危险)
    await safety.getByTestId('hazard-assess-form').getByText('直接定级').click();
    await safety.getByTestId('hazard-assess-grade').getByText('一般隐患').click();
    await safety.getByTestId('hazard-assess-form').getByText('LEC 评价法').click();
    await pick(safety, 'risk-factor-l', '相当可能');
    await pick(safety, 'risk-factor-e', '每天工作时间内暴露');
    await pick(safety, 'risk-factor-c', '严重，重伤');
    await safety.locator('[data-testid="risk-result"][data-score="252"]').waitFor();
    await safety.getByTestId('hazard-assess-submit').click();
    // the basis is required
    await safety.getByTestId('hazard-assess-form').getByText('请填写评估依据').waitFor();
    await safety.getByTestId('hazard-assess-basis').fill('现场核查：光电保护失效，操作工每天接触，可能造成重伤');
    await safety.getByTestId('hazard-assess-submit').click();
    await expectStatus(safety, 'assessed');
    const assessment = safety.getByTestId('hazard-assessment');
    await expect.poll(() => assessment.getAttribute('data-grade')).toBe('general');
    expect(await assessment.getAttribute('data-risk-color')).toBe('orange');
    expect(await assessment.getByTestId('hazard-standards-version').textContent()).toMatch(/^v\d+$/);
    await shot(safety, 'assessed-desktop');

    // 整改派发 to 设备部 / 刘洋
    await safety.getByTestId('hazard-action-dispatch').click();
    await safety.getByTestId('hazard-dispatch-form').waitFor();
    await pick(safety, 'hazard-dispatch-department', '设备部');
    await pick(safety, 'hazard-dispatch-user', '刘洋');
    await safety.getByTestId('hazard-dispatch-measures').fill('恢复光电保护并加装联锁，班前点检');
    await safety.getByTestId('hazard-dispatch-budget').fill('3500');
    await safety.getByTestId('hazard-dispatch-submit').click();
    await expectStatus(safety, 'rectifying');
    const rectification = safety.getByTestId('hazard-rectification');
    await expect.poll(() => rectification.getByTestId('hazard-responsible-user').textContent()).toBe('刘洋');
    expect(await rectification.getByTestId('hazard-deadline').getAttribute('data-overdue')).toBe('false');
    await rectification.getByTestId('hazard-countdown').waitFor();
    await shot(safety, 'rectifying-desktop');

    const [dispatched] = await t.database.owner.query<{ responsible_user_id: string; deadline: Date }>(
      'SELECT responsible_user_id, deadline FROM hazards WHERE id = $1',
      [created.body.id],
    );
    expect(dispatched.responsible_user_id).toBe(ids.users.equipment);
    // the proposed deadline: 7 days for a general hazard
    expect(Math.round((new Date(dispatched.deadline).getTime() - Date.now()) / 86_400_000)).toBeGreaterThanOrEqual(6);

    // 提交整改 (刘洋 of 设备部, on a phone)
    const phone = await browser.newContext(PHONE);
    const equipment = await loginAs(phone, base, 'equipment');
    await equipment.goto(url);
    await expectStatus(equipment, 'rectifying');
    expect(await equipment.getByTestId('hazard-action-assess').count()).toBe(0);
    await equipment.getByTestId('hazard-action-submit').click();
    await equipment.getByTestId('hazard-submit-form').waitFor();
    await equipment.getByTestId('hazard-submit-note').fill('已恢复光电保护并加装联锁开关，试车有效');
    await equipment.getByTestId('hazard-submit-submit').click();
    await equipment.getByTestId('hazard-submit-form').getByText('请至少上传一张整改后照片').waitFor();
    const photo = path.join(SHOTS, 'loop-after.png');
    writeFileSync(photo, await pngBytes(640, 480));
    await equipment.getByTestId('hazard-submit-photos').setInputFiles(photo);
    await equipment.locator('[data-testid="hazard-submit-form"] .ant-upload-list-item-done').first().waitFor({ timeout: 15_000 });
    await equipment.getByTestId('hazard-submit-submit').click();
    await expectStatus(equipment, 'verifying');
    await equipment.getByTestId('hazard-after-photo').first().waitFor();
    await shot(equipment, 'verifying-phone');

    // the safety officer's open page follows by itself (hazard.updated over the socket)
    await expectStatus(safety, 'verifying');
    await safety.getByTestId('hazard-after-photo').first().waitFor();

    // 验收: a rejection needs a reason; then pass → 销号
    await safety.getByTestId('hazard-action-verify').click();
    await safety.getByTestId('hazard-verify-form').waitFor();
    await safety.getByTestId('hazard-verify-reject').click();
    await safety.getByTestId('hazard-verify-submit').click();
    await safety.getByTestId('hazard-verify-form').getByText('驳回时请填写原因').waitFor();
    await safety.getByTestId('hazard-verify-pass').click();
    await safety.getByTestId('hazard-verify-comment').fill('复查合格');
    await safety.getByTestId('hazard-verify-submit').click();
    await expectStatus(safety, 'closed');
    await safety.locator('[data-testid="hazard-steps"][data-current="done"]').waitFor();
    const actions = await safety.getByTestId('hazard-timeline-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(actions).toEqual(['report', 'assess', 'dispatch', 'submit', 'pass']);
    expect(await safety.getByTestId('hazard-actions').count()).toBe(0);
    await shot(safety, 'closed-desktop');

    const [closed] = await t.database.owner.query<{ status: string; reject_count: number }>('SELECT status, reject_count FROM hazards WHERE id = $1', [created.body.id]);
    expect(closed).toMatchObject({ status: 'closed', reject_count: 0 });

    // the list: risk and deadline columns, 只看逾期 in the URL
    await safety.goto(`${base}/hazards`);
    await safety.getByTestId('hazard-table').waitFor();
    await safety.getByTestId('hazard-filter-overdue').click();
    await safety.waitForURL(/overdue=true/);
    await safety.getByTestId('hazard-table').waitFor();
    await safety.locator('[data-testid="hazard-table"] [data-testid="hazard-overdue"]').first().waitFor();
    await shot(safety, 'list-overdue-desktop');
    await phone.close();
    await safetyContext.close();
  });

  it('the major-hazard register lists a supervised 重大隐患 with its supervisor and countdown', async () => {
    const ids = await t.ids();
    const safetyApi = await t.login('safety');
    const created = await safetyApi.post('/api/v1/hazards', { title: '液氨管道阀门泄漏', departmentId: ids.departments.production });
    const id = created.body.id as string;
    const assessed = await safetyApi.post(`/api/v1/hazards/${id}/assess`, { version: created.body.version, potentialDeaths: 2, basis: '可能导致多人中毒' });
    expect(assessed.body.grade).toBe('major');

    // dispatched in the browser: the supervisor field appears and defaults to a committee member
    const context = await browser.newContext(DESKTOP);
    const safety = await loginAs(context, base, 'safety');
    await safety.goto(`${base}/hazards/${id}`);
    await expectStatus(safety, 'assessed');
    await safety.getByTestId('hazard-action-dispatch').click();
    await safety.getByTestId('hazard-dispatch-form').waitFor();
    await safety.getByTestId('hazard-dispatch-supervisor').getByText('周国强').waitFor({ timeout: 15_000 });
    await pick(safety, 'hazard-dispatch-user', '张伟');
    await safety.getByTestId('hazard-dispatch-measures').fill('停用该段管道，更换法兰垫片');
    await safety.getByTestId('hazard-dispatch-submit').click();
    await expectStatus(safety, 'rectifying');
    await safety.getByTestId('hazard-supervised').waitFor();

    await safety.goto(`${base}/hazards/major`);
    const row = safety.locator(`[data-testid="major-register"] [data-testid="major-row-${created.body.code}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('周国强');
    expect(await row.getByTestId('hazard-deadline').getAttribute('data-overdue')).toBe('false');
    await shot(safety, 'major-register-desktop');

    const phone = await browser.newContext(PHONE);
    const committee = await loginAs(phone, base, 'committee');
    await committee.goto(`${base}/hazards/major`);
    await committee.getByTestId(`major-row-${created.body.code}`).waitFor();
    await shot(committee, 'major-register-phone');
    await phone.close();
    await context.close();
  });
});
