import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { SqlRunner } from './database.js';

export const PLATFORM_MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** Migrations of the platform and every module, ordered by file name across folders. */
export function collectMigrations(dirs: string[]): Migration[] {
  const all: Migration[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql'))) {
      const sql = readFileSync(path.join(dir, file), 'utf8');
      all.push({ name: file, sql, checksum: createHash('sha256').update(sql).digest('hex') });
    }
  }
  all.sort((a, b) => a.name.localeCompare(b.name));
  const seen = new Set<string>();
  for (const m of all) {
    if (seen.has(m.name)) throw new Error(`two migrations are named ${m.name}`);
    seen.add(m.name);
  }
  return all;
}

/**
 * Apply pending migrations as the owner, each in its own transaction. An advisory lock makes two
 * processes starting together take turns; a changed, already-applied file is refused.
 */
export function migrate(owner: SqlRunner, migrations: Migration[]): Promise<string[]> {
  // one connection throughout: the advisory lock belongs to the session that took it
  return owner.session((session) => migrateIn(session, migrations));
}

async function migrateIn(owner: SqlRunner, migrations: Migration[]): Promise<string[]> {
  await owner.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: string[] = [];
  await owner.query('SELECT pg_advisory_lock(7243001)');
  try {
    const rows = await owner.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations');
    const done = new Map(rows.map((r) => [r.name, r.checksum]));
    for (const m of migrations) {
      const prior = done.get(m.name);
      if (prior) {
        if (prior !== m.checksum) throw new Error(`migration ${m.name} was changed after it was applied`);
        continue;
      }
      const insert = `INSERT INTO schema_migrations (name, checksum) VALUES ('${m.name.replace(/'/g, "''")}', '${m.checksum}');`;
      await owner.exec(`BEGIN;\n${m.sql}\n;${insert}\nCOMMIT;`).catch(async (err) => {
        await owner.exec('ROLLBACK').catch(() => {});
        throw new Error(`migration ${m.name} failed: ${(err as Error).message}`);
      });
      applied.push(m.name);
    }
  } finally {
    await owner.query('SELECT pg_advisory_unlock(7243001)');
  }
  return applied;
}

export async function pendingMigrations(owner: SqlRunner, migrations: Migration[]): Promise<string[]> {
  const exists = await owner.query<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
  if (!exists[0]?.t) return migrations.map((m) => m.name);
  const rows = await owner.query<{ name: string }>('SELECT name FROM schema_migrations');
  const done = new Set(rows.map((r) => r.name));
  return migrations.filter((m) => !done.has(m.name)).map((m) => m.name);
}
