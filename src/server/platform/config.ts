import path from 'node:path';
import { readFileSync } from 'node:fs';
import { BUILD } from './paths.js';

/** Everything the server reads from its environment, in one place. */
export interface Config {
  port: number;
  host: string;
  /** Folder for the embedded database and uploaded files. */
  dataDir: string;
  /** PostgreSQL server URL; when absent the embedded PGlite database in `dataDir` is used. */
  databaseUrl?: string;
  /** Password of the runtime role when the server provisions it from an owner connection. */
  databaseAppPassword?: string;
  /** Connections to PostgreSQL for requests (DATABASE_POOL_SIZE, default 10). */
  databasePoolSize: number;
  /**
   * Demo mode: the demo company is loaded on first start, its accounts, the demo password and the
   * demo integration keys work. On by default for the embedded database, off with DATABASE_URL
   * (a production install); ZHIAN_DEMO=1/0 overrides either.
   */
  demo: boolean;
  /** Seconds between job/outbox polls (NOTIFY wakes workers sooner). */
  pollIntervalMs: number;
  /** Run background workers (jobs, outbox). Tests may switch them off to drive them by hand. */
  workers: boolean;
  sessionTtlHours: number;
  maxUploadBytes: number;
  logLevel: string;
  version: string;
  /** Allowed browser origins besides the server's own (comma separated PUBLIC_ORIGIN). */
  publicOrigins: string[];
  /** MQTT broker for sensor readings (MQTT_URL, e.g. mqtt://127.0.0.1:1883); absent: no MQTT ingestion. */
  mqttUrl?: string;
  /** First topic level of sensor readings, `<root>/<tenant>/sensors/<sensor>` (MQTT_TOPIC_ROOT, default zhian). */
  mqttTopicRoot: string;
  /** Shared-subscription group: instances in one group split the stream (MQTT_SHARE_GROUP, default zhian). */
  mqttShareGroup: string;
  /**
   * Hosts (names or addresses) that warning feeds and notification robots may reach although
   * they are loopback, private or link-local (OUTBOUND_ALLOW_HOSTS, comma separated).
   */
  outboundAllowHosts: string[];
  /**
   * STUN/TURN servers handed to the browsers of a video meeting (ICE_SERVERS: a JSON array of
   * RTCIceServer, or comma-separated URLs). Empty: only direct connections (same LAN or host).
   */
  iceServers: { urls: string | string[]; username?: string; credential?: string }[];
}

export function parseIceServers(value: string | undefined): Config['iceServers'] {
  const v = (value ?? '').trim();
  if (!v) return [];
  if (v.startsWith('[')) {
    const parsed = JSON.parse(v) as Config['iceServers'];
    if (!Array.isArray(parsed) || parsed.some((s) => !s || (typeof s.urls !== 'string' && !Array.isArray(s.urls)))) throw new Error('ICE_SERVERS: expected a JSON array of { urls, username?, credential? }');
    return parsed;
  }
  return v.split(',').map((u) => u.trim()).filter(Boolean).map((urls) => ({ urls }));
}

export const APP_VERSION: string = (() => {
  if (BUILD) return BUILD.version; // the compiled server carries it
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
    return String(pkg.version);
  } catch {
    return '0.0.0';
  }
})();

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    databaseAppPassword: env.DATABASE_APP_PASSWORD || undefined,
    databasePoolSize: Number(env.DATABASE_POOL_SIZE || 10),
    demo: demoMode(env),
    pollIntervalMs: Number(env.ZHIAN_POLL_MS ?? 1000),
    workers: env.ZHIAN_WORKERS !== '0',
    sessionTtlHours: Number(env.SESSION_TTL_HOURS ?? 12),
    maxUploadBytes: Number(env.MAX_UPLOAD_BYTES ?? 10 * 1024 * 1024),
    logLevel: env.LOG_LEVEL ?? 'info',
    version: APP_VERSION,
    publicOrigins: (env.PUBLIC_ORIGIN ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    mqttUrl: env.MQTT_URL || undefined,
    mqttTopicRoot: env.MQTT_TOPIC_ROOT || 'zhian',
    mqttShareGroup: env.MQTT_SHARE_GROUP || 'zhian',
    outboundAllowHosts: (env.OUTBOUND_ALLOW_HOSTS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    iceServers: parseIceServers(env.ICE_SERVERS),
    ...overrides,
  };
}

/** ZHIAN_DEMO when set (0/false/off: off), else on only for the embedded database. */
export function demoMode(env: NodeJS.ProcessEnv): boolean {
  const flag = env.ZHIAN_DEMO?.trim().toLowerCase();
  if (flag) return !['0', 'false', 'off', 'no'].includes(flag);
  return !env.DATABASE_URL;
}
