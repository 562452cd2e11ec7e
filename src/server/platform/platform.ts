import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import { openDatabase, prepareRuntimeRole, type Database } from './db/database.js';
import { collectMigrations, migrate, pendingMigrations, PLATFORM_MIGRATIONS } from './db/migrate.js';
import { SystemClock, type Clock } from './clock.js';
import { JobQueue } from './jobs/queue.js';
import { EventBus } from './events/bus.js';
import { tenantRunner, type RunInTenant, JOBS_CHANNEL } from './work.js';
import { FileStore } from './files/store.js';
import { FileAccess } from './files/access.js';
import { OutboundGuard } from './net/outbound.js';
import { RealtimeHub } from './realtime/hub.js';
import type { ModuleDefinition } from './module.js';
import { BUILT_MIGRATIONS } from './paths.js';

/** Everything a module's services may use. Built once per process by buildPlatform. */
export interface Platform {
  config: Config;
  database: Database;
  clock: Clock;
  /** Run a unit of work inside the actor's tenant, as the runtime role, in one transaction. */
  run: RunInTenant;
  /** The same for a unit that only reads: a read-only transaction, its COMMIT not waited for. */
  read: RunInTenant;
  jobs: JobQueue;
  bus: EventBus;
  files: FileStore;
  /** Who may read which uploaded file (modules register the records that hold files). */
  fileAccess: FileAccess;
  /** Outbound HTTP on an administrator's behalf, guarded against requests into the internal network. */
  outbound: OutboundGuard;
  realtime: RealtimeHub;
  log: FastifyBaseLogger;
}

export interface PlatformOptions {
  config: Config;
  log: FastifyBaseLogger;
  modules: ModuleDefinition[];
  clock?: Clock;
  /** Use an already open database (tests share one per file). */
  database?: Database;
  /** In-memory PGlite instead of DATA_DIR (tests). */
  inMemory?: boolean;
}

export function migrationsOf(modules: ModuleDefinition[]) {
  // the compiled server carries every migration in one folder beside it
  if (BUILT_MIGRATIONS) return collectMigrations([BUILT_MIGRATIONS]);
  return collectMigrations([PLATFORM_MIGRATIONS, ...modules.flatMap((m) => (m.migrations ? [m.migrations] : []))]);
}

export async function buildPlatform(o: PlatformOptions): Promise<Platform> {
  const { config } = o;
  const database =
    o.database ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      pgliteDir: o.inMemory ? undefined : path.join(config.dataDir, 'pgdata'),
      appPassword: config.databaseAppPassword,
      poolSize: config.databasePoolSize,
    }));
  const migrations = migrationsOf(o.modules);
  const applied = await migrate(database.owner, migrations).catch(async (err) => {
    // A non-owner URL cannot migrate; that is fine when an operator already did.
    const pending = await pendingMigrations(database.owner, migrations).catch(() => migrations.map((m) => m.name));
    if (pending.length) throw err;
    return [];
  });
  if (applied.length) o.log.info({ applied }, 'migrations applied');
  await prepareRuntimeRole(database, config.databaseAppPassword);

  const clock = o.clock ?? new SystemClock();
  let bus: EventBus | undefined;
  const subscribers = (type: string) => bus?.subscribers(type) ?? [];
  const jobs = new JobQueue(database.db, subscribers, clock, { log: o.log, batchSize: 100 });
  bus = new EventBus(jobs);
  const platform: Platform = {
    config,
    database,
    clock,
    run: tenantRunner(database.db, subscribers, clock),
    read: tenantRunner(database.db, subscribers, clock, { readOnly: true }),
    jobs,
    bus,
    files: new FileStore(path.join(config.dataDir, 'files'), config.maxUploadBytes),
    fileAccess: new FileAccess(),
    outbound: new OutboundGuard(config.outboundAllowHosts),
    realtime: new RealtimeHub(database, bus, o.log),
    log: o.log,
  };
  return platform;
}

export async function startWorkers(p: Platform): Promise<() => Promise<void>> {
  const unlisten = await p.database.listen(JOBS_CHANNEL, () => p.jobs.kick());
  await p.realtime.start();
  if (p.config.workers) p.jobs.start(p.config.pollIntervalMs);
  return async () => {
    await unlisten();
    await p.jobs.stop();
    await p.realtime.stop();
  };
}
