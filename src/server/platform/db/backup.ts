import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { once } from 'node:events';
import type { SqlRunner } from './database.js';

/**
 * Logical backups that work the same on PGlite and PostgreSQL: gzip'd JSON lines, one header,
 * then each table's rows as JSON (row_to_json), restored with json_populate_recordset so every
 * type round-trips exactly. Taken in one REPEATABLE READ snapshot.
 */
const FORMAT = 'zhian-backup';
const CHUNK = 2000;

async function tablesOf(owner: SqlRunner): Promise<string[]> {
  const rows = await owner.query<{ t: string }>(
    "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY tablename",
  );
  return rows.map((r) => r.t);
}

export function backup(owner: SqlRunner, file: string): Promise<Record<string, number>> {
  return owner.session((session) => backupIn(session, file));
}

async function backupIn(owner: SqlRunner, file: string): Promise<Record<string, number>> {
  const gzip = createGzip();
  const out = createWriteStream(file);
  gzip.pipe(out);
  const write = async (obj: unknown) => {
    if (!gzip.write(JSON.stringify(obj) + '\n')) await once(gzip, 'drain');
  };
  const counts: Record<string, number> = {};
  await owner.exec('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const migrations = await owner.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    await write({ format: FORMAT, version: 1, createdAt: new Date().toISOString(), migrations: migrations.map((m) => m.name) });
    for (const table of await tablesOf(owner)) {
      counts[table] = 0;
      for (let offset = 0; ; offset += CHUNK) {
        const rows = await owner.query<{ j: unknown }>(
          `SELECT row_to_json(t) AS j FROM "${table}" t ORDER BY ctid LIMIT ${CHUNK} OFFSET ${offset}`,
        );
        if (rows.length) await write({ table, rows: rows.map((r) => r.j) });
        counts[table] += rows.length;
        if (rows.length < CHUNK) break;
      }
    }
  } finally {
    await owner.exec('COMMIT');
  }
  gzip.end();
  await once(out, 'finish');
  return counts;
}

/** Replace all data with the backup's. The database must be migrated to the same version. */
export function restore(owner: SqlRunner, file: string): Promise<Record<string, number>> {
  return owner.session((session) => restoreIn(session, file));
}

async function restoreIn(owner: SqlRunner, file: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let header: { format?: string; migrations?: string[] } | undefined;
  await owner.exec('BEGIN');
  try {
    // Foreign keys and triggers are off while rows arrive in table-name order.
    await owner.exec("SET LOCAL session_replication_role = 'replica'");
    // made only now: readline drops lines that arrive before iteration starts
    const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      const item = JSON.parse(line);
      if (!header) {
        header = item;
        if (header?.format !== FORMAT) throw new Error(`not a 智安 backup file (it starts with ${line.slice(0, 80)})`);
        const current = (await owner.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).map((m) => m.name);
        if (JSON.stringify(current) !== JSON.stringify(header.migrations)) {
          throw new Error('the backup was taken at a different schema version; migrate first to the same version');
        }
        const tables = await tablesOf(owner);
        await owner.exec(`TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} CASCADE`);
        continue;
      }
      const table = String(item.table);
      if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`bad table name in backup: ${table}`);
      await owner.query(`INSERT INTO "${table}" SELECT * FROM json_populate_recordset(null::"${table}", $1::json)`, [JSON.stringify(item.rows)]);
      counts[table] = (counts[table] ?? 0) + item.rows.length;
    }
    if (!header) throw new Error('the backup file is empty');
    // serial columns continue after the restored ids
    const seqs = await owner.query<{ tbl: string; col: string; seq: string }>(
      `SELECT c.relname AS tbl, a.attname AS col, s.relname AS seq
       FROM pg_class s JOIN pg_depend d ON d.objid = s.oid AND d.deptype = 'a'
       JOIN pg_class c ON c.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.refobjsubid
       WHERE s.relkind = 'S'`,
    );
    for (const s of seqs) {
      await owner.query(`SELECT setval('"${s.seq}"', coalesce((SELECT max("${s.col}") FROM "${s.tbl}"), 0) + 1, false)`);
    }
    await owner.exec('COMMIT');
  } catch (err) {
    await owner.exec('ROLLBACK').catch(() => {});
    throw err;
  }
  return counts;
}
