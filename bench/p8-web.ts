// P8 (QUALITY.md): the web app's weight and speed for the analytics dashboard.
//
// 1. JS size: a fresh production build (`vite build`), served by the app (embedded PGlite, demo
//    company). Headless Chromium opens /analytics logged out, is sent to /login, logs in as
//    `safety` and lands on the dashboard; every JavaScript response of that visit is gzipped with
//    zlib at level 9 and summed. Target ≤ 400 KB (1 KB = 1,024 bytes).
// 2. Fully drawn: in a fresh browser context (empty cache, the session cookie kept) a navigation
//    to /analytics until the page root says data-ready="true" — the overview query answered, the
//    site plan loaded and every ECharts instance fired its 'finished' event. Median of
//    BENCH_P8_RUNS navigations (default 5). Target ≤ 2 s.
//
// Environment: CHROMIUM_PATH (default /usr/bin/chromium), BENCH_P8_RUNS, BENCH_P8_NO_BUILD=1 to
// use dist/web as it is.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { BenchError, HEALTH, MAIN_JS, ROOT, envNumber, fmtSec, freePort, makeTempDir, median, removeTempDir, spawnServer, stopServer, waitFor200, type ChildServer } from './lib.js';

export interface P8Line {
  text: string;
  pass: boolean;
  details?: string;
}

const SIZE_TARGET_KB = 400;
const PHONE_TARGET_KB = 250;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN' };
const DRAWN_TARGET_MS = 2000;
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const VIEWPORT = { viewport: { width: 1440, height: 900 }, locale: 'zh-CN' };
const READY = '[data-testid="analytics-dashboard"][data-ready="true"]';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function build(log: (m: string) => void) {
  if (process.env.BENCH_P8_NO_BUILD === '1' && existsSync(path.join(ROOT, 'dist/web/index.html'))) {
    log('P8: using dist/web as built');
    return;
  }
  log('P8: vite build');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new BenchError('vite build failed', `${r.stdout}\n${r.stderr}`);
}

interface Script {
  url: string;
  phase: 'login' | 'dashboard';
  raw: number;
  gzip: number;
  encoding: string | null;
}

/** Logged out → /analytics → /login → log in → back on /analytics, drawn; every script of the way. */
async function loadAndMeasure(context: BrowserContext, base: string): Promise<{ scripts: Script[]; page: Page }> {
  const page = await context.newPage();
  const scripts = new Map<string, Script>();
  const pending: Promise<void>[] = [];
  let phase: Script['phase'] = 'login';
  page.on('response', (res) => {
    const url = res.url();
    const type = res.request().resourceType();
    if (type !== 'script' && !/\.m?js(\?|$)/.test(url)) return;
    if (scripts.has(url)) return;
    const at = phase;
    pending.push(
      res.body().then(
        (body) => {
          scripts.set(url, { url, phase: at, raw: body.length, gzip: gzipSync(body, { level: 9 }).length, encoding: res.headers()['content-encoding'] ?? null });
        },
        () => undefined,
      ),
    );
  });
  await page.goto(`${base}/analytics`);
  await page.getByTestId('login-username').waitFor({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  phase = 'dashboard';
  await page.getByTestId('login-username').fill('safety');
  await page.getByTestId('login-password').fill('zhian123');
  await page.getByTestId('login-submit').click();
  await page.locator(READY).waitFor({ timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  return { scripts: [...scripts.values()], page };
}

/** The line worker on a phone: / (sent to /login), log in, the start page drawn; every script of the way, gzipped. */
async function phoneStart(browser: Browser, base: string): Promise<{ scripts: { url: string; gzip: number }[] }> {
  const context = await browser.newContext(PHONE);
  try {
    const page = await context.newPage();
    const scripts = new Map<string, number>();
    const pending: Promise<void>[] = [];
    page.on('response', (res) => {
      const url = res.url();
      if ((res.request().resourceType() !== 'script' && !/\.m?js(\?|$)/.test(url)) || scripts.has(url)) return;
      scripts.set(url, 0);
      pending.push(res.body().then((b) => void scripts.set(url, gzipSync(b, { level: 9 }).length), () => undefined));
    });
    await page.goto(`${base}/`);
    await page.getByTestId('login-username').waitFor({ timeout: 30_000 });
    await page.getByTestId('login-username').fill('worker');
    await page.getByTestId('login-password').fill('zhian123');
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 60_000 });
    // the start page drawn: a client-side navigation does not reset 'networkidle', so waiting for
    // that alone would count the login screen only
    await page.getByTestId('welcome-card').waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    return { scripts: [...scripts].map(([url, gzip]) => ({ url, gzip })) };
  } finally {
    await context.close();
  }
}

/** One navigation in an empty-cache context; also where the time went (page clock, ms). */
async function drawnMs(browser: Browser, storage: Awaited<ReturnType<BrowserContext['storageState']>>, base: string): Promise<{ ms: number; breakdown: string }> {
  const context = await browser.newContext({ ...VIEWPORT, storageState: storage });
  try {
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(`${base}/analytics`, { waitUntil: 'commit' });
    await page.locator(READY).waitFor({ timeout: 60_000 });
    const ms = performance.now() - t0;
    // a string, not a function: the TypeScript loader would add helpers the page does not have
    const breakdown = await page.evaluate<string>(`(() => {
      const span = (re) => {
        const e = performance.getEntriesByType('resource').find((r) => re.test(r.name));
        return e ? Math.round(e.startTime) + '→' + Math.round(e.responseEnd) : '?';
      };
      const nav = performance.getEntriesByType('navigation')[0];
      return 'DOMContentLoaded ' + Math.round(nav ? nav.domContentLoadedEventEnd : 0) + ', /me ' + span(/api\\/v1\\/me\\b/) +
        ', page chunk ' + span(/DashboardPage-/) + ', overview ' + span(/analytics\\/overview/) + ', site plan ' + span(/analytics\\/site-plan/) +
        ', drawn ' + Math.round(performance.now());
    })()`);
    return { ms, breakdown };
  } finally {
    await context.close();
  }
}

export async function runP8(log: (m: string) => void): Promise<P8Line[]> {
  const runs = Math.max(1, Math.round(envNumber('BENCH_P8_RUNS', 5)));
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromiumPath)) throw new BenchError(`Chromium not found at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  build(log);
  const dataDir = makeTempDir('p8');
  let server: ChildServer | undefined;
  let browser: Browser | undefined;
  try {
    log('P8: starting the app (embedded PGlite, demo company)');
    server = spawnServer({ name: 'app', script: MAIN_JS, port: await freePort(), env: { DATA_DIR: dataDir, DATABASE_URL: undefined, LOG_LEVEL: 'warn', ZHIAN_DEMO: '1' } });
    await waitFor200(server, HEALTH, { timeoutMs: 240_000 });
    const base = server.url('');
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ARGS });

    const context = await browser.newContext(VIEWPORT);
    const { scripts, page } = await loadAndMeasure(context, base);
    const storage = await context.storageState();
    const firstDashboardMs = await page.evaluate(() => performance.now());
    await context.close();

    const total = scripts.reduce((n, s) => n + s.gzip, 0);
    const login = scripts.filter((s) => s.phase === 'login').reduce((n, s) => n + s.gzip, 0);
    const encodings = [...new Set(scripts.map((s) => s.encoding ?? 'identity'))].join(', ');
    const list = [...scripts]
      .sort((a, b) => b.gzip - a.gzip)
      .map((s) => `${s.phase === 'login' ? 'login    ' : 'dashboard'} ${kb(s.gzip).padStart(9)} gzip  ${kb(s.raw).padStart(9)} raw  ${new URL(s.url).pathname}`)
      .join('\n');
    log(`P8: ${scripts.length} scripts, login ${kb(login)} + dashboard ${kb(total - login)} gzip (served as: ${encodings}); first visit ${fmtSec(firstDashboardMs)} from the first navigation`);
    for (const row of list.split('\n')) log(`P8:   ${row}`);

    const phone = await phoneStart(browser, base);
    const phoneTotal = phone.scripts.reduce((n, x) => n + x.gzip, 0);
    log(`P8: the worker's phone start page (login + start): ${phone.scripts.length} scripts, ${kb(phoneTotal)} gzip`);

    const samples: number[] = [];
    // one unmeasured navigation: the server's first dashboard queries and Chromium's own start-up
    await drawnMs(browser, storage, base);
    for (let i = 1; i <= runs; i++) {
      const { ms, breakdown } = await drawnMs(browser, storage, base);
      samples.push(ms);
      log(`P8: run ${i}/${runs} drawn in ${Math.round(ms)} ms (page clock, ms: ${breakdown})`);
    }
    const med = median(samples);
    return [
      {
        text: `P8 JS for login + dashboard: ${kb(total)} gzip in ${scripts.length} files (login ${kb(login)}, dashboard ${kb(total - login)})  (target ≤ ${SIZE_TARGET_KB} KB)`,
        pass: total <= SIZE_TARGET_KB * 1024,
        details: list,
      },
      {
        text: `P8 JS for the worker's phone start page (login + start page): ${kb(phoneTotal)} gzip in ${phone.scripts.length} files  (target ≤ ${PHONE_TARGET_KB} KB)`,
        pass: phoneTotal <= PHONE_TARGET_KB * 1024,
        details: phone.scripts.sort((a, b) => b.gzip - a.gzip).map((x) => `${kb(x.gzip).padStart(9)} gzip  ${new URL(x.url).pathname}`).join('\n'),
      },
      {
        text: `P8 dashboard fully drawn: ${fmtSec(med)} median of ${samples.map((s) => (s / 1000).toFixed(2)).join(' / ')} s (empty cache)  (target ≤ ${DRAWN_TARGET_MS / 1000} s)`,
        pass: med <= DRAWN_TARGET_MS,
        details: server.output(),
      },
    ];
  } finally {
    await browser?.close().catch(() => undefined);
    if (server) await stopServer(server);
    removeTempDir(dataDir);
  }
}
