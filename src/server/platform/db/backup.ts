import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import type { SqlRunner } from './database.js';
import type { FileStore } from '../files/store.js';

/**
 * Logical backups that work the same on PGlite and PostgreSQL: gzip'd JSON lines, one header,
 * then each table's rows as JSON (row_to_json), restored with json_populate_recordset so every
 * type round-trips exactly. Taken in one REPEATABLE READ snapshot.
 *
 * With the file store (version 2), every blob the `files` table names follows the tables in the
 * same archive (`{ blob, data }`, base64), and a trailer closes it with the counts and a SHA-256
 * over every line before it: a restore checks each blob against its name, that every file row's
 * blobs are present and that the archive is whole before it commits anything.
 */
const FORMAT = 'zhian-backup';
const CHUNK = 2000;

async function tablesOf(owner: SqlRunner): Promise<string[]> {
  const rows = await owner.query<{ t: string }>(
    "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY tablename",
  );
  return rows.map((r) => r.t);
}

export interface BackupOptions {
  /** The uploaded files' store: its blobs go into the same archive (and come back on restore). */
  files?: FileStore;
}

export function backup(owner: SqlRunner, file: string, o: BackupOptions = {}): Promise<Record<string, number>> {
  return owner.session((session) => backupIn(session, file, o));
}

/** The blobs the files table names (originals and thumbnails). */
async function referencedBlobs(owner: SqlRunner): Promise<string[]> {
  const rows = await owner.query<{ sha: string }>(
    'SELECT DISTINCT sha FROM (SELECT sha256 AS sha FROM files UNION ALL SELECT thumb_sha256 FROM files WHERE thumb_sha256 IS NOT NULL) s ORDER BY sha',
  );
  return rows.map((r) => r.sha);
}

async function backupIn(owner: SqlRunner, file: string, o: BackupOptions): Promise<Record<string, number>> {
  const gzip = createGzip();
  const out = createWriteStream(file);
  gzip.pipe(out);
  const digest = createHash('sha256');
  const write = async (obj: unknown) => {
    const line = JSON.stringify(obj) + '\n';
    digest.update(line);
    if (!gzip.write(line)) await once(gzip, 'drain');
  };
  const counts: Record<string, number> = {};
  await owner.exec('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const migrations = await owner.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    await write({ format: FORMAT, version: o.files ? 2 : 1, files: !!o.files, createdAt: new Date().toISOString(), migrations: migrations.map((m) => m.name) });
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
    if (o.files) {
      let blobs = 0;
      for (const sha of await referencedBlobs(owner)) {
        // a blob already missing from the store is reported by the restore's check, not hidden here
        if (!(await o.files.has(sha))) continue;
        await write({ blob: sha, data: (await o.files.get(sha)).toString('base64') });
        blobs++;
      }
      counts['(files)'] = blobs;
    }
    const trailer = { end: true, counts, sha256: digest.copy().digest('hex') };
    if (!gzip.write(JSON.stringify(trailer) + '\n')) await once(gzip, 'drain');
  } finally {
    await owner.exec('COMMIT');
  }
  gzip.end();
  await once(out, 'finish');
  return counts;
}

/** Replace all data with the backup's. The database must be migrated to the same version. */
export function restore(owner: SqlRunner, file: string, o: BackupOptions = {}): Promise<Record<string, number>> {
  return owner.session((session) => restoreIn(session, file, o));
}

async function restoreIn(owner: SqlRunner, file: string, o: BackupOptions): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let header: { format?: string; version?: number; files?: boolean; migrations?: string[] } | undefined;
  const digest = createHash('sha256');
  let trailer: { end: true; counts: Record<string, number>; sha256: string } | undefined;
  const blobs = new Set<string>();
  await owner.exec('BEGIN');
  try {
    // Foreign keys and triggers are off while rows arrive in table-name order.
    await owner.exec("SET LOCAL session_replication_role = 'replica'");
    // made only now: readline drops lines that arrive before iteration starts
    const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      if (trailer) throw new Error('backup damaged: data after its end');
      const item = JSON.parse(line);
      if (item.end === true) {
        trailer = item;
        if (trailer!.sha256 !== digest.digest('hex')) throw new Error('backup damaged: its checksum does not match its contents');
        continue;
      }
      digest.update(line + '\n');
      if (item.blob !== undefined) {
        if (!o.files) throw new Error('this backup holds the uploaded files: restore it with the file store');
        await o.files.restoreBlob(String(item.blob), Buffer.from(String(item.data), 'base64'));
        blobs.add(String(item.blob));
        counts['(files)'] = (counts['(files)'] ?? 0) + 1;
        continue;
      }
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
    // version 2 archives end with a trailer: without it the archive was cut short
    if ((header.version ?? 1) >= 2 && !trailer) throw new Error('backup damaged: it ends before its trailer (truncated?)');
    if (trailer) {
      for (const [table, n] of Object.entries(trailer.counts)) {
        if ((counts[table] ?? 0) !== n) throw new Error(`backup damaged: ${table} holds ${counts[table] ?? 0} rows, the archive says ${n}`);
      }
    }
    if (header.files && o.files) {
      const missing = [];
      for (const sha of await referencedBlobs(owner)) if (!blobs.has(sha) && !(await o.files.has(sha))) missing.push(sha);
      if (missing.length) throw new Error(`backup incomplete: ${missing.length} uploaded file(s) are neither in the archive nor in the file store`);
    }
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
