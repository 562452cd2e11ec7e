import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type BuiltApp } from '../../src/server/app.js';
import { openDatabase, type Database } from '../../src/server/platform/db/database.js';
import { AdjustableClock } from '../../src/server/platform/clock.js';
import type { Config } from '../../src/server/platform/config.js';
import { seedDemo } from '../../src/server/seed/demo.js';
import { DEMO_PASSWORD, DEMO_TENANT } from '../../src/server/seed/demo-data.js';
import { seededPGlite, seededPostgres } from './template.js';

export const ORIGIN = 'http://localhost:3000';
const HOST = 'localhost:3000';

export const onPostgres = () => process.env.ZHIAN_TEST_DB === 'postgres';

type TestDatabase = { database: Database; url?: string; drop(): Promise<void> };

/**
 * A new database on the test server for one file, filled by `fill(base, name)` (nothing: an empty
 * one; or a copy of the run's seeded template), dropped by `drop()`.
 */
async function serverDatabase(fill: (base: string, name: string) => Promise<void>): Promise<TestDatabase> {
  const base = process.env.TEST_DATABASE_URL!;
  const name = `zhian_test_${randomBytes(6).toString('hex')}`;
  await fill(base, name);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  return {
    database,
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A fresh database for one test file: in-memory PGlite, or a new database on the test server. */
export async function freshDatabase(): Promise<TestDatabase> {
  if (!onPostgres()) return { database: await openDatabase({}), drop: async () => {} };
  return serverDatabase(async (base, name) => {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
  });
}

/** A database for one test file holding the demo company: a copy of the run's seeded template. */
async function seededDatabase(dataDir: string): Promise<TestDatabase> {
  if (!onPostgres()) return { database: await seededPGlite(dataDir), drop: async () => {} };
  return serverDatabase((base, name) => seededPostgres(base, name, dataDir));
}

export interface Response<T = any> {
  status: number;
  body: T;
  headers: LightMyRequestResponse['headers'];
}

/** A logged-in user driving the API through app.inject, like the browser would. */
export class Client {
  constructor(
    private readonly t: TestApp,
    public cookie: string | null,
  ) {}

  async request<T = any>(method: string, url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<Response<T>> {
    const res = await this.t.app.inject({
      method: method as 'GET',
      url,
      payload: payload as any,
      headers: { host: HOST, ...(method !== 'GET' ? { origin: ORIGIN } : {}), ...(this.cookie ? { cookie: this.cookie } : {}), ...headers },
    });
    const text = res.body;
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.statusCode, body, headers: res.headers };
  }
  get<T = any>(url: string, headers?: Record<string, string>) {
    return this.request<T>('GET', url, undefined, headers);
  }
  post<T = any>(url: string, payload?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', url, payload ?? {}, headers);
  }
  patch<T = any>(url: string, payload?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PATCH', url, payload, headers);
  }
}

export interface TestApp extends BuiltApp {
  clock: AdjustableClock;
  database: Database;
  dataDir: string;
  tenantId: string;
  url?: string;
  login(username: string, password?: string, tenant?: string): Promise<Client>;
  anonymous(): Client;
  /** Run due jobs and event handlers now (workers are off in tests unless asked for). */
  drain(): Promise<number>;
  /** The department/area/equipment ids of the demo company, by code. */
  ids(): Promise<{ departments: Record<string, string>; areas: Record<string, string>; users: Record<string, string> }>;
  stop(): Promise<void>;
}

export async function startTestApp(
  options: { seed?: boolean; workers?: boolean; database?: Database; url?: string; config?: Partial<Config> } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'zhian-test-'));
  // the demo company is seeded once per run and copied (helpers/template.ts); a given database is used as it is
  const copied = !options.database && options.seed !== false;
  const fresh = options.database
    ? { database: options.database, url: options.url, drop: async () => {} }
    : copied
      ? await seededDatabase(dataDir)
      : await freshDatabase();
  const clock = new AdjustableClock();
  const built = await buildApp({
    database: fresh.database,
    clock,
    logger: { level: process.env.TEST_LOG ?? 'silent' },
    config: { dataDir, workers: options.workers ?? false, pollIntervalMs: 200, demo: true, ...options.config },
  });
  const tenantId =
    options.seed === false
      ? ''
      : copied
        ? (await fresh.database.owner.query<{ id: string }>(`SELECT id::text FROM tenants WHERE code = $1`, [DEMO_TENANT.code]))[0].id
        : await seedDemo(fresh.database.db, clock, { files: built.platform.files });
  await built.app.ready();
  const t: TestApp = {
    ...built,
    clock,
    database: fresh.database,
    dataDir,
    tenantId,
    url: fresh.url,
    async login(username, password = DEMO_PASSWORD, tenant) {
      const c = new Client(t, null);
      const res = await c.post('/api/v1/auth/login', { username, password, ...(tenant ? { tenant } : {}) });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      c.cookie = sessionCookie(res.headers['set-cookie']);
      return c;
    },
    anonymous: () => new Client(t, null),
    drain: () => built.platform.jobs.drain(),
    async ids() {
      const rows = await fresh.database.owner.query<{ kind: string; code: string; id: string }>(
        `SELECT 'd' AS kind, code, id::text FROM departments WHERE tenant_id = $1
         UNION ALL SELECT 'a', code, id::text FROM areas WHERE tenant_id = $1
         UNION ALL SELECT 'u', username, id::text FROM users WHERE tenant_id = $1`,
        [tenantId],
      );
      const pickKind = (k: string) => Object.fromEntries(rows.filter((r) => r.kind === k).map((r) => [r.code, r.id]));
      return { departments: pickKind('d'), areas: pickKind('a'), users: pickKind('u') };
    },
    async stop() {
      await built.app.close();
      await fresh.database.close();
      await fresh.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}

export function sessionCookie(setCookie: string | string[] | undefined): string {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const c = list.find((x) => x.startsWith('zhian_sid='));
  if (!c) throw new Error('no session cookie');
  return c.split(';')[0];
}

/** A real small PNG made on the fly. */
export async function pngBytes(width = 64, height = 48): Promise<Buffer> {
  const sharp = (await import('sharp')).default;
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } }).png().toBuffer();
}

/** multipart/form-data body with one file field. */
export function multipart(filename: string, data: Buffer, contentType = 'application/octet-stream') {
  const boundary = '----zhian' + randomBytes(8).toString('hex');
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, data, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
