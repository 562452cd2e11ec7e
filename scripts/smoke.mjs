// Start-up smoke test (CI runs it on the oldest Node that must still start the system): `npm start`
// on an empty data directory must answer /api/v1/health with the demo company loaded, and stop on
// SIGTERM. Prints one closing line `smoke: N passed, M failed`.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { root } from './build.mjs';

const port = await new Promise((resolve) => {
  const srv = net.createServer().listen(0, '127.0.0.1', () => {
    const p = srv.address().port;
    srv.close(() => resolve(p));
  });
});
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'zhian-smoke-'));
const child = spawn('npm', ['start'], {
  cwd: root,
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
child.stdout.on('data', (c) => (output += c));
child.stderr.on('data', (c) => (output += c));
const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));

const checks = [];
const check = (name, ok) => {
  checks.push(ok);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
};
const health = async () => {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`, { signal: AbortSignal.timeout(1000) });
    return res.status === 200 ? await res.json() : null;
  } catch {
    return null;
  }
};

try {
  console.log(`smoke: npm start on Node ${process.version}`);
  const t0 = Date.now();
  let body = null;
  let gone = false;
  void exited.then(() => (gone = true));
  while (!body && !gone && Date.now() - t0 < 300_000) {
    body = await health();
    if (!body) await new Promise((r) => setTimeout(r, 250));
  }
  check(`health answers 200 (${((Date.now() - t0) / 1000).toFixed(1)} s)`, body?.status === 'ok');
  check('the demo company was loaded (banner lists the demo accounts)', /demo accounts/.test(output));
  child.kill('SIGTERM');
  const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 20_000))]);
  check(`stops on SIGTERM (exit ${code})`, code !== 'still running' && (await health()) === null);
} finally {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
}
const failed = checks.filter((ok) => !ok).length;
if (failed) console.log(output.slice(-4000));
console.log(`smoke: ${checks.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
