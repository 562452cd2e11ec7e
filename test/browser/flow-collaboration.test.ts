/**
 * Scenario 2 in the browser: 安全环保部 launches the dust template from a hazard in one click;
 * 生产部 (desktop) and 设备部 (phone) see their tasks arrive live and hand in their outputs; the
 * initiator reviews; the board shows the case complete.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { browserSuite, loginAs, PHONE, DESKTOP, SHOTS } from '../helpers/browser.js';
import { pngBytes, type TestApp } from '../helpers/app.js';

const suite = browserSuite('flow-collab');
const newContext = suite.newContext;
let t: TestApp;
let base: string;
beforeAll(() => {
  ({ t, base } = suite); // the suite's own beforeAll ran first: the server is up
});

const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: path.join(SHOTS, `flow-collab-${name}.png`), fullPage });
const realtimeOpen = (page: Page) => page.locator('[data-testid="realtime-status"][data-state="open"]').waitFor({ timeout: 15_000 });
const taskStatus = (page: Page, key: string, status: string) =>
  page.locator(`[data-testid="flow-task-status-${key}"][data-status="${status}"]`).waitFor({ timeout: 15_000 });

async function submitOutputs(page: Page, key: string, fill: (page: Page) => Promise<void>) {
  await page.getByTestId(`flow-task-action-submit-${key}`).click();
  await page.getByTestId('flow-output-form').waitFor();
  await fill(page);
  await page.getByTestId('flow-output-form-submit').click();
  await page.getByTestId('flow-output-form').waitFor({ state: 'hidden', timeout: 15_000 });
}

describe('collaboration in the browser', () => {
  it('dust over the limit: launched from the hazard, tasks arrive live in two departments, outputs handed in, the case completes', async () => {
    const photo = path.join(SHOTS, 'flow-collab-photo.png');
    writeFileSync(photo, await pngBytes(640, 480));

    // 生产部 on a desktop and 设备部 on a phone have their task lists open
    const production = await loginAs(await newContext(DESKTOP), base, 'production');
    await production.goto(`${base}/flows/tasks`);
    await realtimeOpen(production);
    const equipment = await loginAs(await newContext(PHONE), base, 'equipment');
    await equipment.goto(`${base}/flows/tasks`);
    await realtimeOpen(equipment);

    // 安全环保部 opens a dust hazard and launches the suggested template
    const title = `喷涂车间粉尘浓度超标 ${Date.now() % 100000}`;
    const safety = await loginAs(await newContext(DESKTOP), base, 'safety');
    const [dept] = await t.database.owner.query<{ id: string }>("SELECT id::text FROM departments WHERE tenant_id = $1 AND code = 'production'", [t.tenantId]);
    const created = await safety.request.post(`${base}/api/v1/hazards`, {
      data: { title, description: '打磨工位粉尘浓度 11 mg/m³，除尘器压差异常', departmentId: dept.id },
      headers: { origin: base },
    });
    expect(created.status()).toBe(201);
    const hazard = await created.json();
    await safety.goto(`${base}/hazards/${hazard.id}`);
    await safety.getByTestId('launch-flow-button').click();
    await safety.getByTestId('launch-flow-form').waitFor();
    await safety.getByTestId('launch-flow-template').getByText('粉尘超标协同处置').waitFor({ timeout: 15_000 });
    await safety.getByTestId('launch-flow-step-repair').waitFor();
    await shot(safety, 'launch-dialog');
    await safety.getByTestId('launch-flow-submit').click();
    await safety.waitForURL(/\/flows\/instances\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    await taskStatus(safety, 'stop', 'open');
    await realtimeOpen(safety);

    // both departments see their task arrive without reloading
    // (the demo's running cases have tasks with the same keys: find ours by the case title)
    const row = (page: Page, key: string) => page.getByTestId(`task-row-${key}`).filter({ hasText: title });
    await row(production, 'stop').waitFor({ timeout: 15_000 });
    await row(equipment, 'repair').waitFor({ timeout: 15_000 });
    await shot(equipment, 'phone-tasks');

    // 生产部 takes its task and hands in measures and a photo
    await row(production, 'stop').click();
    await production.getByTestId('flow-task-card-stop').waitFor();
    await production.getByTestId('flow-task-action-start-stop').click();
    await taskStatus(production, 'stop', 'in_progress');
    await submitOutputs(production, 'stop', async (p) => {
      await p.getByTestId('flow-output-measures').fill('已停止打磨作业，人员撤离至上风向');
      await p.getByTestId('flow-output-photos').setInputFiles(photo);
      await p.locator('[data-testid="flow-output-form"] .ant-upload-list-item-done, [data-testid="flow-output-form"] img').first().waitFor({ timeout: 15_000 });
    });
    await taskStatus(production, 'stop', 'done');
    await taskStatus(safety, 'stop', 'done'); // the initiator's board follows live

    // 设备部 on the phone hands in the repair; it needs the initiator's review
    await row(equipment, 'repair').click();
    await equipment.getByTestId('flow-task-card-repair').waitFor();
    await shot(equipment, 'phone-board', true);
    await submitOutputs(equipment, 'repair', async (p) => {
      await p.getByTestId('flow-output-cause').fill('除尘风机皮带断裂');
      await p.getByTestId('flow-output-plan').fill('更换皮带，清理滤袋后试运行');
      await p.getByTestId('flow-output-photos').setInputFiles(photo);
      await p.locator('[data-testid="flow-output-form"] .ant-upload-list-item-done, [data-testid="flow-output-form"] img').first().waitFor({ timeout: 15_000 });
    });
    await taskStatus(equipment, 'repair', 'submitted');
    await taskStatus(safety, 'repair', 'submitted');
    await safety.getByTestId('flow-task-action-approve-repair').click();
    await taskStatus(safety, 'repair', 'done');

    // the join opens 安全环保部's re-test; a passing result leads 生产部 to resume
    await taskStatus(safety, 'monitor', 'open');
    await submitOutputs(safety, 'monitor', async (p) => {
      await p.locator('input[data-testid="flow-output-concentration"], [data-testid="flow-output-concentration"] input').first().fill('3.2');
      await p.getByTestId('flow-output-result').getByText('合格', { exact: true }).click();
    });
    await taskStatus(production, 'resume', 'open');
    await submitOutputs(production, 'resume', async (p) => {
      await p.getByTestId('flow-output-note').fill('复测合格，已恢复生产');
    });
    await safety.locator('[data-testid="flow-case-status"][data-status="completed"]').waitFor({ timeout: 15_000 });
    const kinds = await safety.locator('[data-testid="flow-timeline-item"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(expect.arrayContaining(['launched', 'task.activated', 'task.submitted', 'task.approved', 'completed']));
    await shot(safety, 'board-completed', true);
  });
});
