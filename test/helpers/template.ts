// The demo company with its months of history is seeded once per test run and database kind, and
// each test file starts from a copy: `CREATE DATABASE … TEMPLATE` on PostgreSQL, a saved data
// directory (PGlite's dumpDataDir tarball) on PGlite, and a copy of its uploaded files. The copy is
// keyed by the run (scripts/test.mjs sets ZHIAN_TEST_RUN; else the vitest process) and by the
// server's source, so no run ever starts from another run's data or from older code.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, openSync, closeSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../../src/server/app.js';
import { openDatabase, type Database } from '../../src/server/platform/db/database.js';
import { AdjustableClock } from '../../src/server/platform/clock.js';
import { seedDemo } from '../../src/server/seed/demo.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const STALE_MS = 3 * 3_600_000;

function sourceHash(): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (!e.name.endsWith('.test.ts')) h.update(p).update(readFileSync(p));
    }
  };
  walk(path.join(ROOT, 'src/server'));
  walk(path.join(ROOT, 'src/core'));
  return h.digest('hex');
}

const key = (() => {
  let cached: string | undefined;
  return () => (cached ??= createHash('sha256').update(`${process.env.ZHIAN_TEST_RUN ?? process.ppid}:${sourceHash()}`).digest('hex').slice(0, 16));
})();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Seed the demo company into `database` (migrated by buildApp) with its files in `filesDir`'s parent. */
async function seedInto(database: Database, dataDir: string): Promise<void> {
  const built = await buildApp({ database, clock: new AdjustableClock(), logger: { level: 'silent' }, config: { dataDir, workers: false, demo: true } });
  try {
    await seedDemo(database.db, new AdjustableClock(), { files: built.platform.files });
  } finally {
    await built.app.close();
  }
}

function holderAlive(lock: string): boolean {
  try {
    const pid = Number(readFileSync(lock, 'utf8'));
    if (!pid) return Date.now() - statSync(lock).mtimeMs < 5_000; // just created, pid not written yet
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Run `make` once across the processes of a run (a lock file), unless `done()` already holds. */
async function once(lock: string, done: () => boolean | Promise<boolean>, make: () => Promise<void>): Promise<void> {
  for (;;) {
    if (await done()) return;
    let fd: number | undefined;
    try {
      fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
    } catch {
      // someone else is making it; a lock left by a process that died (a timed-out test) is taken over
      if (!holderAlive(lock)) rmSync(lock, { force: true });
      await sleep(250);
      continue;
    }
    try {
      if (!(await done())) await make();
      return;
    } finally {
      closeSync(fd);
      rmSync(lock, { force: true });
    }
  }
}

/** Remove what earlier runs left (older than a few hours). */
function removeStale(prefix: string) {
  for (const name of readdirSync(os.tmpdir())) {
    if (!name.startsWith(prefix) || name.includes(key())) continue;
    const p = path.join(os.tmpdir(), name);
    try {
      if (Date.now() - statSync(p).mtimeMs > STALE_MS) rmSync(p, { recursive: true, force: true });
    } catch {
      /* another run's, in use or gone */
    }
  }
}

/** The uploaded files of the seeded template, copied into a test's data directory. */
function copyFiles(from: string, dataDir: string) {
  if (existsSync(from)) cpSync(from, path.join(dataDir, 'files'), { recursive: true });
}

/** An in-memory PGlite holding the seeded demo company. */
export async function seededPGlite(dataDir: string): Promise<Database> {
  const base = path.join(os.tmpdir(), `zhian-test-template-${key()}`);
  const tarball = `${base}.tar.gz`;
  await once(`${base}.lock`, () => existsSync(tarball), async () => {
    removeStale('zhian-test-template-');
    const database = await openDatabase({});
    try {
      await seedInto(database, base);
      const dump = await database.dumpDataDir!();
      writeFileSync(`${tarball}.part`, Buffer.from(await dump.arrayBuffer()));
      renameSync(`${tarball}.part`, tarball);
    } finally {
      await database.close();
    }
  });
  copyFiles(path.join(base, 'files'), dataDir);
  return openDatabase({ loadDataDir: new Blob([readFileSync(tarball)]) });
}

/** A new PostgreSQL database `name` copied from the seeded template next to `baseUrl`. */
export async function seededPostgres(baseUrl: string, name: string, dataDir: string): Promise<void> {
  const template = `zhian_tpl_${key()}`;
  const filesDir = path.join(os.tmpdir(), `zhian-test-pgfiles-${key()}`);
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    const complete = async () =>
      (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1 AND shobj_description(oid, 'pg_database') LIKE 'complete%'`, [template])).rowCount === 1;
    await once(path.join(os.tmpdir(), `zhian-test-pgtemplate-${key()}.lock`), complete, async () => {
      removeStale('zhian-test-pgfiles-');
      // templates of earlier runs on this server
      const old = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE 'zhian\\_tpl\\_%' AND datname <> $1
           AND coalesce(substring(shobj_description(oid, 'pg_database') FROM 'complete ([0-9]+)')::bigint, 0) < $2`,
        [template, Date.now() - STALE_MS],
      );
      for (const r of old.rows) await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(r.datname)} WITH (FORCE)`).catch(() => {});
      await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(template)} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(template)}`);
      const url = new URL(baseUrl);
      url.pathname = `/${template}`;
      mkdirSync(filesDir, { recursive: true });
      const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
      try {
        await seedInto(database, filesDir);
      } finally {
        await database.close();
      }
      await admin.query(`COMMENT ON DATABASE ${pg.escapeIdentifier(template)} IS ${pg.escapeLiteral(`complete ${Date.now()}`)}`);
    });
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(template)}`);
        break;
      } catch (err) {
        // another file's copy (or a closing connection) still on the template: try again shortly
        if (attempt > 40 || !/being accessed by other users/.test(String((err as Error).message))) throw err;
        await sleep(250);
      }
    }
  } finally {
    await admin.end();
  }
  copyFiles(path.join(filesDir, 'files'), dataDir);
}
