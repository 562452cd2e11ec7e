// What `npm start` runs is built, not compiled at run time: the web app (Vite) into dist/web and
// the server (esbuild: one ESM bundle of our own code, packages left to node_modules) into
// dist/server, with every migration copied beside it. Each is rebuilt when missing or older than
// its sources. `node scripts/build.mjs [web|server] [--if-stale]` builds them from the command line.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB_INDEX = path.join(root, 'dist/web/index.html');
const SERVER_DIR = path.join(root, 'dist/server');
export const SERVER_MAIN = path.join(SERVER_DIR, 'main.js');
export const SERVER_CLI = path.join(SERVER_DIR, 'cli.js');

function newest(dir, skip = () => false) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (skip(p)) continue;
    t = Math.max(t, entry.isDirectory() ? newest(p, skip) : statSync(p).mtimeMs);
  }
  return t;
}

const builtAt = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);
const mtime = (file) => statSync(path.join(root, file)).mtimeMs;

export function webIsStale() {
  const sources = Math.max(newest(path.join(root, 'src/web')), newest(path.join(root, 'src/core')), mtime('index.html'), mtime('vite.config.ts'));
  return sources > builtAt(WEB_INDEX);
}

export function serverIsStale() {
  const tests = (p) => p.endsWith('.test.ts');
  const sources = Math.max(newest(path.join(root, 'src/server'), tests), newest(path.join(root, 'src/core'), tests), mtime('package.json'), mtime('scripts/build.mjs'));
  return sources > builtAt(SERVER_MAIN);
}

export function buildWeb() {
  console.log('building the web app (first start or changed sources) …');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status})`);
}

/** Every `migrations/*.sql` under src/server (platform and modules); names are unique across folders. */
function migrationFiles(dir = path.join(root, 'src/server'), out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) migrationFiles(p, out);
    else if (entry.name.endsWith('.sql') && path.basename(dir) === 'migrations') out.push(p);
  }
  return out;
}

export async function buildServer() {
  console.log('building the server (first start or changed sources) …');
  const { build } = await import('esbuild');
  const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  rmSync(SERVER_DIR, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { main: 'src/server/main.ts', cli: 'src/server/cli.ts' },
    outdir: SERVER_DIR,
    bundle: true,
    splitting: true, // main and cli share their code in one chunk beside them
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    define: { __ZHIAN_BUILD__: JSON.stringify({ version }) },
    logLevel: 'warning',
  });
  const migrations = path.join(SERVER_DIR, 'migrations');
  mkdirSync(migrations, { recursive: true });
  const seen = new Set();
  for (const file of migrationFiles()) {
    const name = path.basename(file);
    if (seen.has(name)) throw new Error(`two migrations are named ${name}`);
    seen.add(name);
    copyFileSync(file, path.join(migrations, name));
  }
}

/** Build whatever is missing or stale. */
export async function ensureBuilt({ web = true, server = true } = {}) {
  if (web && webIsStale()) buildWeb();
  if (server && serverIsStale()) await buildServer();
}

// node scripts/build.mjs [web|server] [--if-stale]
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const what = args.find((a) => a === 'web' || a === 'server');
  const web = what !== 'server';
  const server = what !== 'web';
  if (args.includes('--if-stale')) await ensureBuilt({ web, server });
  else {
    if (web) buildWeb();
    if (server) await buildServer();
  }
}
