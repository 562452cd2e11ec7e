import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from './app.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = path.resolve('test-results/screenshots');

/** The flags this machine needs: no sandbox as root, and no background calls to the network. */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install the Debian package "chromium" (apt-get install -y chromium), as .ci/run does`);
  }
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...ARGS, ...extraArgs] });
}

/** A running server with the demo company, on a free port, serving the built web app. */
export async function startServer(): Promise<{ t: TestApp; base: string }> {
  const t = await startTestApp({ workers: true });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as { port: number };
  return { t, base: `http://127.0.0.1:${port}` };
}

export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN' };
export const DESKTOP = { viewport: { width: 1440, height: 900 }, locale: 'zh-CN' };

/** Choose an option of an antd Select; a click during the dropdown's opening animation may miss, so retry. */
export async function pickOption(page: Page, testId: string, option: string) {
  const select = page.getByTestId(testId);
  for (let attempt = 0; attempt < 4; attempt++) {
    await select.click();
    const item = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: option });
    await item.first().waitFor();
    await page.waitForTimeout(250); // let the dropdown finish opening
    await item.first().click().catch(() => undefined);
    if ((await select.textContent())?.includes(option)) return;
    await page.keyboard.press('Escape');
  }
  throw new Error(`could not choose ${option} in ${testId}`);
}

export async function loginAs(context: BrowserContext, base: string, username: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('zhian123');
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

/**
 * One server and one browser for a test file. A test's contexts are closed after it, also when it
 * fails (open pages would keep working the server), and then every open page is saved first as
 * `<name>-failed-<i>.png`. Call at the top level of the file.
 */
export function browserSuite(name: string) {
  const state = { t: undefined as unknown as TestApp, base: '', browser: undefined as Browser | undefined };
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    ({ t: state.t, base: state.base } = await startServer());
    state.browser = await launchBrowser();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') {
      const pages = contexts.flatMap((c) => c.pages());
      await Promise.all(pages.map((p, i) => p.screenshot({ path: path.join(SHOTS, `${name}-failed-${i}.png`), fullPage: true }).catch(() => {})));
    }
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => {})));
  });
  afterAll(async () => {
    await state.browser?.close();
    await state.t?.stop();
  });
  return {
    get t() {
      return state.t;
    },
    get base() {
      return state.base;
    },
    async newContext(options: Parameters<Browser['newContext']>[0]) {
      const ctx = await state.browser!.newContext(options);
      contexts.push(ctx);
      return ctx;
    },
  };
}
