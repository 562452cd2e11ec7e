// `npm start` as an operator uses it: the compiled server, stopped by SIGTERM, a readable banner,
// and a build that carries its migrations and web app wherever it is copied.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';

const ROOT = path.resolve(import.meta.dirname, '../..');
const temps: string[] = [];
const children: ChildProcess[] = [];

function tempDir(label: string) {
  const d = mkdtempSync(path.join(os.tmpdir(), `zhian-start-${label}-`));
  temps.push(d);
  return d;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Start a command, capturing its output; `exited` resolves with the exit code or signal. */
function run(cmd: string, args: string[], cwd: string, env: Record<string, string>) {
  const child = spawn(cmd, args, { cwd, env: { ...process.env, DATABASE_URL: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return { child, exited, output: () => output };
}

async function health(port: number): Promise<number | null> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`, { signal: AbortSignal.timeout(1000) });
    return res.status;
  } catch {
    return null;
  }
}

async function waitForHealth(port: number, proc: { exited: Promise<unknown>; output(): string }, timeoutMs = 90_000) {
  let gone = false;
  void proc.exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`the server exited before answering:\n${proc.output()}`);
    if ((await health(port)) === 200) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no 200 from /api/v1/health within ${timeoutMs} ms:\n${proc.output()}`);
}

beforeAll(() => {
  const r = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
}, 180_000);

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

describe('npm start', () => {
  it('runs the compiled server, keeps request lines out of the banner, and stops on SIGTERM', async () => {
    const port = await freePort();
    const proc = run('npm', ['start'], ROOT, { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: tempDir('npm'), ZHIAN_DEMO: '0', LOG_LEVEL: 'info' });
    await waitForHealth(port, proc);
    for (let i = 0; i < 3; i++) expect(await health(port)).toBe(200);
    const out = proc.output();
    expect(out).toContain("is running at http://localhost:");
    // compiled JavaScript, not TypeScript through a loader
    expect(spawnSync('ps', ['-o', 'args=', '--ppid', String(proc.child.pid)], { encoding: 'utf8' }).stdout).not.toMatch(/tsx|\.ts\b/);
    expect(out).not.toMatch(/"msg":"(incoming request|request completed|request)"/);

    proc.child.kill('SIGTERM'); // what a service manager or `kill` sends to npm
    const code = await Promise.race([proc.exited, new Promise((r) => setTimeout(() => r('still running'), 15_000))]);
    expect(code).not.toBe('still running');
    // nothing left holding the port (or the data directory)
    const deadline = Date.now() + 10_000;
    while ((await health(port)) !== null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await health(port)).toBeNull();
  }, 150_000);

  it('finds its migrations and web app when the build is copied away from the sources', async () => {
    const app = tempDir('copy');
    cpSync(path.join(ROOT, 'dist'), path.join(app, 'dist'), { recursive: true });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(app, 'node_modules'), 'dir');
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'zhian-copy', private: true, type: 'module' }));
    const dataDir = tempDir('copy-data');
    const port = await freePort();
    const proc = run(process.execPath, ['dist/server/main.js'], app, { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ZHIAN_DEMO: '0', LOG_LEVEL: 'warn' });
    await waitForHealth(port, proc);
    const page = await fetch(`http://127.0.0.1:${port}/hazards`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);

    // every migration of the sources was applied
    const { collectMigrations } = await import('../../src/server/platform/db/migrate.js');
    const { migrationsOf } = await import('../../src/server/platform/platform.js');
    const { MODULES } = await import('../../src/server/modules/index.js');
    const expected = migrationsOf(MODULES).map((m) => m.name);
    expect(collectMigrations([path.join(app, 'dist/server/migrations')]).map((m) => m.name)).toEqual(expected);
    const db = await PGlite.create({ dataDir: path.join(dataDir, 'pgdata') });
    try {
      const applied = (await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).rows.map((r) => r.name);
      expect(applied).toEqual(expected);
    } finally {
      await db.close();
    }
  }, 150_000);
});
