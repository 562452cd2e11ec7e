import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startServer, loginAs, DESKTOP, SHOTS } from '../helpers/browser.js';
import type { TestApp } from '../helpers/app.js';

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

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `flow-designer-${name}.png`) });

/** Choose an option of an antd Select; a click during the dropdown's opening animation may miss, so retry. */
async function pick(page: Page, testId: string, option: string) {
  const select = page.getByTestId(testId);
  for (let attempt = 0; attempt < 4; attempt++) {
    await select.click();
    const item = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: option });
    await item.first().waitFor();
    await page.waitForTimeout(250);
    await item.first().click().catch(() => undefined);
    if ((await select.textContent())?.includes(option)) return;
    await page.keyboard.press('Escape');
  }
  throw new Error(`could not choose ${option} in ${testId}`);
}

async function centre(page: Page, selector: string) {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`no box for ${selector}`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags from one step's outgoing handle to another's incoming handle, as a user connects them. */
async function connect(page: Page, from: string, to: string) {
  const a = await centre(page, `[data-testid="designer-node-${from}"] .react-flow__handle.source`);
  const b = await centre(page, `[data-testid="designer-node-${to}"] .react-flow__handle.target`);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 6 });
  await page.mouse.move(b.x, b.y, { steps: 6 });
  await page.mouse.up();
}

const errorCount = async (page: Page) => Number(await page.getByTestId('designer-errors').getAttribute('data-count'));
const isInvalid = async (page: Page, id: string) => ((await page.getByTestId(`designer-node-${id}`).getAttribute('class')) ?? '').includes('is-invalid');

describe('flow-template designer', () => {
  it('designs a new template: a task added without a department or connections is flagged, fixed, saved and listed', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await loginAs(context, base, 'safety');
    await page.goto(`${base}/flows/templates`);
    await page.getByTestId('template-row-dust-over-limit').waitFor();
    await page.getByTestId('template-new').click();
    await page.waitForURL(/\/flows\/templates\/new$/);
    await page.getByTestId('designer-canvas').waitFor();
    await page.getByTestId('designer-node-start').waitFor();

    // a blank template: start → end; only the name is missing, so saving is off
    await expect.poll(() => errorCount(page)).toBe(1);
    expect(await page.getByTestId('designer-save').isDisabled()).toBe(true);
    await page.getByTestId('template-name').fill('有限空间作业审批');
    await expect.poll(() => errorCount(page)).toBe(0);

    // drag a task from the palette onto the canvas, below the start → end line
    const canvas = (await page.getByTestId('designer-canvas').boundingBox())!;
    await page.getByTestId('designer-palette-task').dragTo(page.getByTestId('designer-canvas'), {
      targetPosition: { x: canvas.width / 2, y: canvas.height / 2 + 150 },
    });
    await page.getByTestId('designer-node-task1').waitFor();
    // it comes selected, with no department and nothing leading in or out: red, listed, not savable
    await page.locator('[data-testid="designer-step-panel"][data-step="task1"]').waitFor();
    await expect.poll(() => isInvalid(page, 'task1')).toBe(true);
    const errors = page.getByTestId('designer-errors');
    await errors.getByText('未指定承办部门').waitFor();
    await errors.getByText('没有连线进入该步骤').waitFor();
    await errors.getByText('该步骤没有后续连线').waitFor();
    expect(await page.getByTestId('designer-save').isDisabled()).toBe(true);
    await shot(page, 'invalid');

    // a click on an issue selects its step
    await page.locator('[data-testid="designer-error"]').filter({ hasText: '未指定承办部门' }).click();
    await page.locator('[data-testid="designer-step-panel"][data-step="task1"]').waitFor();

    // fix it: name, department, an output field; then route start → task → end instead of start → end
    await page.getByTestId('task-name').fill('作业前气体检测');
    await pick(page, 'task-department', '安全环保部');
    await page.getByTestId('field-add').click();
    await page.getByTestId('form-field-0').waitFor();
    await expect.poll(() => page.getByTestId('designer-errors').textContent()).not.toContain('未指定承办部门');

    // a straight line has no height for a locator click: click the middle of the start → end line
    const a = await centre(page, '[data-testid="designer-node-start"] .react-flow__handle.source');
    const b = await centre(page, '[data-testid="designer-node-end"] .react-flow__handle.target');
    await page.mouse.click((a.x + b.x) / 2, (a.y + b.y) / 2);
    await page.locator('[data-testid="designer-edge-panel"][data-edge="e1"]').waitFor();
    await page.getByTestId('edge-delete').click();
    await expect.poll(() => page.getByTestId('rf__edge-e1').count()).toBe(0);

    await connect(page, 'start', 'task1');
    await connect(page, 'task1', 'end');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    await expect.poll(() => errorCount(page)).toBe(0);
    expect(await isInvalid(page, 'task1')).toBe(false);
    await page.getByTestId('designer-node-task1').getByText('安全环保部').waitFor();
    await shot(page, 'valid');

    // a key another template has: the server's answer shows in the issue list until the key changes
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.getByTestId('template-key').fill('dust-over-limit');
    await page.getByTestId('designer-save').click();
    await errors.getByText('该标识已被其他模板使用').waitFor();
    expect(await page.getByTestId('designer-save').isDisabled()).toBe(true);
    await page.getByTestId('template-key').fill('confined-space');
    await expect.poll(() => errorCount(page)).toBe(0);

    // save: version 1, the page moves to the saved template
    await page.getByTestId('designer-save').click();
    await page.waitForURL((url) => /\/flows\/templates\/[0-9a-f-]{36}$/.test(url.pathname));
    await page.locator('[data-testid="designer-version"]').getByText('第 1 版').waitFor();

    const api = await t.login('safety');
    const list = await api.get('/api/v1/flows/templates');
    const saved = list.body.items.find((x: any) => x.key === 'confined-space');
    expect(saved).toBeTruthy();
    expect(saved.name).toBe('有限空间作业审批');
    expect(saved.steps).toMatchObject([{ id: 'task1', name: '作业前气体检测', departmentCode: 'safety' }]);
    expect(saved.definition.edges.map((e: any) => `${e.from}>${e.to}`).sort()).toEqual(['start>task1', 'task1>end']);
    const task = saved.definition.nodes.find((n: any) => n.id === 'task1');
    expect(Object.keys(task.form.properties)).toEqual(['field1']);
    expect(task.position).toEqual({ x: expect.any(Number), y: expect.any(Number) });

    // and it is in the list
    await page.goto(`${base}/flows/templates`);
    const row = page.getByTestId('template-row-confined-space');
    await row.waitFor();
    await row.getByText('有限空间作业审批').waitFor();
    await row.getByText('安全环保部').waitFor();
    await shot(page, 'list');
    await context.close();
  });

  it('opens a built-in template, saves a new version, and refuses to overwrite a newer one', async () => {
    const api = await t.login('safety');
    const dust = (await api.get('/api/v1/flows/templates')).body.items.find((x: any) => x.key === 'dust-over-limit');
    const context = await browser.newContext(DESKTOP);
    const page = await loginAs(context, base, 'safety');
    page.on('dialog', (d) => void d.accept()); // leaving with unsaved changes
    await page.goto(`${base}/flows/templates/${dust.id}`);
    for (const id of ['start', 'split', 'stop', 'repair', 'join', 'monitor', 'resume', 'end']) await page.getByTestId(`designer-node-${id}`).waitFor();
    await expect.poll(() => errorCount(page)).toBe(0);
    await page.getByTestId('designer-node-monitor').getByText('安全环保部').waitFor();
    expect(await page.getByTestId('designer-save').isDisabled()).toBe(true); // nothing changed yet
    await shot(page, 'dust');

    // someone else saves version 2 meanwhile
    const detail = (await api.get(`/api/v1/flows/templates/${dust.id}`)).body;
    const other = await api.post(`/api/v1/flows/templates/${dust.id}/versions`, {
      baseVersion: detail.version,
      name: detail.name,
      description: detail.description,
      category: detail.category,
      subjectTypes: detail.subjectTypes,
      keywords: detail.keywords,
      definition: detail.definition,
    });
    expect(other.status).toBe(201);

    // the edit here was based on version 1: saving says so instead of overwriting
    await page.getByTestId('designer-node-monitor').click();
    await page.getByTestId('task-name').fill('粉尘浓度复测（第三方）');
    await page.getByTestId('designer-save').click();
    await page.getByTestId('designer-conflict').waitFor();
    await page.getByTestId('designer-conflict').getByText('已被他人保存了更新的版本').waitFor();

    // reload: the latest version opens for editing (the change above is dropped); version 1 is read-only
    await page.getByTestId('designer-conflict-reload').click();
    await page.waitForURL(`${base}/flows/templates/${other.body.id}`);
    await page.locator('[data-testid="designer-version"]').getByText('第 2 版').waitFor();
    await page.getByTestId('designer-node-monitor').click();
    await page.getByTestId('task-name').fill('粉尘浓度复测（第三方）');
    await page.getByTestId('designer-save').click();
    await page.locator('[data-testid="designer-version"]').getByText('第 3 版').waitFor();
    await page.goto(`${base}/flows/templates/${dust.id}`);
    await page.getByTestId('designer-old-version').waitFor();
    expect(await page.getByTestId('flow-designer').getAttribute('data-readonly')).toBe('true');
    expect(await page.getByTestId('designer-palette-task').count()).toBe(0);
    await context.close();
  });

  it('shows templates read-only to a department head without flows.design', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await loginAs(context, base, 'production');
    await page.goto(`${base}/flows/templates`);
    await page.getByTestId('template-row-dust-over-limit').waitFor();
    expect(await page.getByTestId('template-new').count()).toBe(0);
    await page.getByTestId('template-design-dust-over-limit').getByText('查看').waitFor();
    await page.getByTestId('template-design-dust-over-limit').click();
    await page.getByTestId('designer-node-monitor').waitFor();
    expect(await page.getByTestId('flow-designer').getAttribute('data-readonly')).toBe('true');
    expect(await page.getByTestId('designer-save').count()).toBe(0);
    expect(await page.getByTestId('designer-palette-task').count()).toBe(0);
    // selecting a step shows its properties, but nothing can be changed
    await page.getByTestId('designer-node-repair').click();
    await page.locator('[data-testid="designer-step-panel"][data-step="repair"]').waitFor();
    expect(await page.getByTestId('task-name').isDisabled()).toBe(true);
    await context.close();
  });
});
