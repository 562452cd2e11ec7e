/**
 * What a new user tripped over, walked again in the browser: each test is one thing the user
 * sees, and failed before its fix.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { browserSuite, loginAs, DESKTOP, SHOTS } from '../helpers/browser.js';
import type { TestApp } from '../helpers/app.js';

const suite = browserSuite('walk');
let t: TestApp;
let base: string;
beforeAll(() => {
  ({ t, base } = suite);
});

const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: path.join(SHOTS, `walk-${name}.png`), fullPage });
const settled = (page: Page) => page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton'), undefined, { timeout: 15_000 });

async function chooseEvent(page: Page, label: string) {
  await page.getByTestId('warning-raise-event').click();
  await page.keyboard.type(label); // the list is virtual: filter it so the option is drawn
  await page.locator('.ant-select-dropdown:visible').getByText(label, { exact: true }).click();
}

describe('a warning raised by hand says whom it reaches', () => {
  it('the form shows the departments the rules instruct, says when none, offers a choice, and the toast tells what happened', async () => {
    const safety = await loginAs(await suite.newContext(DESKTOP), base, 'safety');
    await safety.goto(`${base}/warnings`);
    await safety.getByTestId('warning-raise-button').click();
    await safety.getByTestId('warning-raise-form').waitFor();

    // 暴雨 红色: the rule 暴雨红色预警 names three departments
    await vi.waitFor(async () => {
      await chooseEvent(safety, '暴雨');
      await safety.getByTestId('warning-raise-color').getByText('红色', { exact: true }).click();
      await safety.locator('[data-testid="warning-raise-preview"][data-state="matched"]').waitFor({ timeout: 3000 });
    }, { timeout: 30_000, interval: 300 });
    const tags = await safety.getByTestId('warning-raise-preview-department').allTextContents();
    expect(tags.map((x) => x.split(' · ')[0]).sort()).toEqual(['后勤部', '安全环保部', '生产部'].sort());
    await safety.getByTestId('warning-raise-preview').scrollIntoViewIfNeeded();
    await shot(safety, 'raise-preview-matched');

    // 危化品泄漏 橙色: no rule; the form says so before publishing
    await chooseEvent(safety, '危化品泄漏');
    await safety.getByTestId('warning-raise-color').getByText('橙色', { exact: true }).click();
    await safety.locator('[data-testid="warning-raise-preview"][data-state="none"]').waitFor({ timeout: 15_000 });
    expect(await safety.getByTestId('warning-raise-preview').textContent()).toContain('不会下达到任何部门');
    await safety.getByTestId('warning-raise-title').fill('储罐区液氨泄漏，东侧厂界注意防护');
    // choose 生产部 for this warning
    await safety.getByTestId('warning-raise-departments').click();
    await safety.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '生产部' }).first().click();
    await safety.keyboard.press('Escape');
    await shot(safety, 'raise-preview-none');
    await safety.getByTestId('warning-raise-submit').click();
    const toast = safety.locator('.ant-message-notice').filter({ hasText: '预警已发布' });
    await toast.waitFor({ timeout: 15_000 });
    expect(await toast.textContent()).toContain('已下达到：生产部');
    await safety.waitForURL(/\/warnings\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    await safety.locator('[data-testid="warning-response-card"][data-department="生产部"]').waitFor({ timeout: 15_000 });

    // and when nothing is chosen, the toast says nobody was instructed
    await safety.goto(`${base}/warnings`);
    await safety.getByTestId('warning-raise-button').click();
    await safety.getByTestId('warning-raise-form').waitFor();
    await vi.waitFor(async () => {
      await chooseEvent(safety, '危化品泄漏');
      await safety.locator('[data-testid="warning-raise-preview"][data-state="none"]').waitFor({ timeout: 3000 });
    }, { timeout: 30_000, interval: 300 });
    await safety.getByTestId('warning-raise-title').fill('实验室试剂柜异味');
    await safety.getByTestId('warning-raise-submit').click();
    const none = safety.locator('.ant-message-notice').filter({ hasText: '预警已发布' });
    await none.waitFor({ timeout: 15_000 });
    expect(await none.textContent()).toContain('没有下达到任何部门');
  });
});

describe('hazard ledger export and import on 隐患列表', () => {
  it('exports the filtered list, and imports a ledger after showing the dry run row by row', async () => {
    const safety = await loginAs(await suite.newContext(DESKTOP), base, 'safety');
    await safety.goto(`${base}/hazards?status=closed`);
    await safety.getByTestId('hazard-export').waitFor();
    const href = await safety.getByTestId('hazard-export').getAttribute('href');
    expect(href).toContain('/api/v1/hazards/export');
    expect(href).toContain('status=closed');
    const [download] = await Promise.all([safety.waitForEvent('download'), safety.getByTestId('hazard-export').click()]);
    expect(download.suggestedFilename()).toMatch(/隐患台账.*\.xlsx$/);

    // a paper ledger with one bad row: each bad cell shown, nothing imported
    const file = async (name: string, rows: (string | null)[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('纸质台账');
      ws.addRow(['原编号', '标题', '描述', '状态', '隐患等级', '区域', '设备', '所在部门', '责任部门', '整改期限', '上报时间', '销号时间']);
      for (const r of rows) ws.addRow(r);
      const p = path.join(SHOTS, name);
      writeFileSync(p, Buffer.from(await wb.xlsx.writeBuffer()));
      return p;
    };
    const good = [
      ['2023-101', '锅炉房压力表超期未检', '纸质台账补录', '已销号', '一般隐患', '锅炉房', '', '设备部', '设备部', '2023-03-20', '2023-3-12 09:30', '2023-03-18'],
      ['2023-102', '危化品仓库通风故障', '', '整改中', '重大隐患', '', '', '安全环保部', '安全环保部', '2023-04-30', '2023-04-02', null],
    ];
    const badFile = await file('walk-ledger-bad.xlsx', [...good, ['2023-103', '', '', '已销号', '特大', '不存在的车间', '', '设备部', '', '', '2023-05-01', null]]);
    const goodFile = await file('walk-ledger-good.xlsx', good);

    await safety.getByTestId('hazard-import').click();
    await safety.getByTestId('hazard-import-dialog').waitFor();
    await safety.locator('[data-testid="hazard-import-dialog"] input[type="file"]').setInputFiles(badFile);
    await safety.getByTestId('hazard-import-bad').waitFor({ timeout: 15_000 });
    const errorRows = safety.locator('[data-testid="hazard-import-errors"] tbody tr.ant-table-row');
    expect(await errorRows.count()).toBeGreaterThanOrEqual(3);
    expect(await safety.getByTestId('hazard-import-errors').textContent()).toContain('区域');
    expect(await safety.getByTestId('hazard-import-confirm').isDisabled()).toBe(true);
    await shot(safety, 'import-bad');

    await safety.locator('[data-testid="hazard-import-dialog"] input[type="file"]').setInputFiles(goodFile);
    await safety.getByTestId('hazard-import-ok').waitFor({ timeout: 15_000 });
    const rows = safety.locator('[data-testid="hazard-import-rows"] tbody tr.ant-table-row');
    expect(await rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('锅炉房压力表超期未检');
    await shot(safety, 'import-dry-run');
    const before = await t.database.owner.query<{ n: string }>(`SELECT count(*)::text AS n FROM hazards WHERE legacy_code IN ('2023-101', '2023-102')`);
    expect(before[0].n).toBe('0'); // the dry run wrote nothing
    await safety.getByTestId('hazard-import-confirm').click();
    await safety.locator('.ant-message-notice').filter({ hasText: '已导入 2 条隐患' }).waitFor({ timeout: 15_000 });
    const after = await t.database.owner.query<{ n: string }>(`SELECT count(*)::text AS n FROM hazards WHERE legacy_code IN ('2023-101', '2023-102')`);
    expect(after[0].n).toBe('2');
  });

  it('a worker sees the export but not the import', async () => {
    const worker = await loginAs(await suite.newContext(DESKTOP), base, 'worker');
    await worker.goto(`${base}/hazards`);
    await worker.getByTestId('hazard-export').waitFor();
    expect(await worker.getByTestId('hazard-import').count()).toBe(0);
  });
});

describe('linkage rules read as instructions', () => {
  it('the rule list shows each instruction filled with an example warning; placeholders only in the editor', async () => {
    const safety = await loginAs(await suite.newContext(DESKTOP), base, 'safety');
    await safety.goto(`${base}/warnings/rules`);
    await safety.getByTestId('warning-rule-row').first().waitFor({ timeout: 15_000 });
    await settled(safety);
    const texts = await safety.getByTestId('warning-rule-instruction').allTextContents();
    expect(texts.length).toBeGreaterThan(5);
    for (const text of texts) expect(text).not.toContain('{{');
    const rain = safety.locator('[data-testid="warning-rule-row"][data-name="暴雨红色预警"]');
    expect(await rain.textContent()).toContain('市气象台发布暴雨红色预警信号');
    await shot(safety, 'rules-filled');
    await rain.getByTestId('warning-rule-edit').click();
    await safety.getByTestId('warning-rule-form').waitFor();
    const editor = await safety.getByTestId('warning-rule-form').innerHTML();
    expect(editor).toContain('{{headline}}');
  });
});

/** An instant as China Standard Time, "YYYY-MM-DD HH:mm". */
const beijing = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('times in China Standard Time whatever the browser’s zone', () => {
  it('a browser on UTC shows deadlines in UTC+8 and says so', async () => {
    const ctx = await suite.newContext({ ...DESKTOP, timezoneId: 'UTC' });
    const safety = await loginAs(ctx, base, 'safety');
    expect(await safety.evaluate(() => new Date().getTimezoneOffset())).toBe(0);
    await safety.goto(`${base}/hazards?status=rectifying`);
    await safety.locator('tr.ant-table-row').first().waitFor({ timeout: 15_000 });
    await settled(safety);
    const list = await safety.evaluate(async () => (await (await fetch('/api/v1/hazards?status=rectifying&pageSize=20&sort=-reportedAt')).json()) as { items: { code: string; deadline: string | null }[] });
    const withDeadline = list.items.find((h) => h.deadline)!;
    expect(withDeadline).toBeTruthy();
    const row = safety.locator('tr.ant-table-row').filter({ hasText: withDeadline.code });
    await row.first().hover();
    const rowHtml = await row.first().innerHTML();
    const tooltips = await safety.locator('[data-testid="hazard-deadline"], .ant-tooltip').allTextContents();
    expect(rowHtml + tooltips.join(' ')).toContain(beijing(withDeadline.deadline!));
    await safety.getByTestId('zone-note').waitFor();
    expect(await safety.getByTestId('zone-note').textContent()).toContain('北京时间');
    await shot(safety, 'utc-browser-list');

    // the hazard's page: the steps' times in UTC+8 too
    await row.first().locator('a').first().click();
    await safety.waitForURL(/\/hazards\/[0-9a-f-]{36}$/);
    await safety.getByTestId('hazard-step-report').waitFor({ timeout: 15_000 });
    const detail = await safety.evaluate(async (code) => {
      const l = (await (await fetch(`/api/v1/hazards?q=${encodeURIComponent(code)}&pageSize=1`)).json()) as { items: { reportedAt: string }[] };
      return l.items[0];
    }, withDeadline.code);
    expect(await safety.getByTestId('hazard-step-report').textContent()).toContain(beijing(detail.reportedAt).slice(5));
  });
});

describe('the side menu', () => {
  it('at 1440 × 900 with groups open, the collapse bar covers no menu item', async () => {
    const admin = await loginAs(await suite.newContext(DESKTOP), base, 'admin');
    await admin.getByTestId('app-menu').waitFor();
    // open every group
    const groups = admin.locator('[data-testid="app-menu"] > .ant-menu-submenu:not(.ant-menu-submenu-open) > .ant-menu-submenu-title');
    for (let i = 0; i < 12 && (await groups.count()) > 0; i++) {
      await groups.first().click();
      await admin.waitForTimeout(250);
    }
    await admin.evaluate(() => {
      const menu = document.querySelector('[data-testid="app-menu"]') as HTMLElement;
      menu.scrollTop = menu.scrollHeight;
    });
    await admin.waitForTimeout(300);
    const geometry = await admin.evaluate(() => {
      const items = [...document.querySelectorAll('[data-testid="app-menu"] .ant-menu-item')] as HTMLElement[];
      const last = items[items.length - 1].getBoundingClientRect();
      const trigger = document.querySelector('.ant-layout-sider-trigger')!.getBoundingClientRect();
      return { lastBottom: last.bottom, triggerTop: trigger.top, viewport: window.innerHeight, items: items.length };
    });
    expect(geometry.items).toBeGreaterThan(15);
    expect(geometry.lastBottom).toBeLessThanOrEqual(geometry.triggerTop + 1);
    expect(geometry.triggerTop).toBeLessThanOrEqual(geometry.viewport);
    await shot(admin, 'menu-open');
  });
});

describe('the audit trail names people', () => {
  it('审计记录 shows the person’s name and department, the login name on hover', async () => {
    const safety = await loginAs(await suite.newContext(DESKTOP), base, 'safety');
    const created = await safety.evaluate(async () => {
      const me = (await (await fetch('/api/v1/me')).json()) as { department: { id: string } };
      const res = await fetch('/api/v1/hazards', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ title: '配电房门锁损坏', departmentId: me.department.id }) });
      return (await res.json()) as { id: string };
    });
    await safety.goto(`${base}/hazards/${created.id}`);
    const actor = safety.getByTestId('hazard-history-actor').first();
    await actor.waitFor({ timeout: 15_000 });
    expect(await actor.textContent()).toBe('李建国');
    expect(await safety.getByTestId('hazard-history-department').first().textContent()).toContain('安全环保部');
    await actor.hover();
    await safety.locator('.ant-tooltip').filter({ hasText: '登录名：safety' }).waitFor({ timeout: 5000 });
    await shot(safety, 'audit-names');
  });
});
