import mqtt, { type MqttClient } from 'mqtt';
import { sql } from 'kysely';
import type { Platform } from '../../platform/platform.js';
import { enterPlatform } from '../../platform/work.js';
import type { IncomingReading } from './ingest.js';
import type { ReadingWriter } from './writer.js';

/** A sensor clock this far ahead is wrong; its reading would hide every later one from the thresholds. */
export const MAX_FUTURE_MS = 5 * 60_000;

export interface MqttStats {
  messages: number;
  badTopic: number;
  badPayload: number;
  unknownTenant: number;
}

/**
 * `{ "value": n, "at"?: ISO }` or `{ "readings": [{ "value", "at"? }] }` → readings, or a reason.
 * Checked by hand, not with zod: this runs for every message, thousands a second.
 */
export function parsePayload(sensor: string, text: string, now: Date): IncomingReading[] | string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (!body || typeof body !== 'object') return 'not an object';
  const list = Array.isArray((body as { readings?: unknown }).readings) ? (body as { readings: unknown[] }).readings : [body];
  if (list.length === 0 || list.length > 5000) return 'readings: 1 to 5000 expected';
  const out: IncomingReading[] = [];
  for (const r of list) {
    const value = (r as { value?: unknown })?.value;
    if (typeof value !== 'number' || !Number.isFinite(value)) return 'value: a finite number expected';
    const atRaw = (r as { at?: unknown }).at;
    let at = now;
    if (atRaw !== undefined) {
      if (typeof atRaw !== 'string') return 'at: an ISO date-time expected';
      at = new Date(atRaw);
      if (Number.isNaN(at.getTime())) return 'at: an ISO date-time expected';
      if (at.getTime() > now.getTime() + MAX_FUTURE_MS) return 'at: more than 5 minutes in the future';
    }
    out.push({ sensor, value, at });
  }
  return out;
}

/**
 * Subscribes `$share/<group>/<root>/+/sensors/+`: instances in one group split the stream, each
 * message reaching one of them. Order across instances is not kept; the sensor row lock and the
 * "ignore older readings" rule make that harmless. Bad input is counted and logged (at most every
 * 10 s), never thrown.
 */
export class SensorMqtt {
  readonly stats: MqttStats = { messages: 0, badTopic: 0, badPayload: 0, unknownTenant: 0 };
  private client: MqttClient | null = null;
  private readonly tenants = new Map<string, { id: string | null; until: number } | Promise<string | null>>();
  private lastWarn = 0;
  private readonly prefix: string;

  constructor(
    private readonly p: Platform,
    private readonly writer: ReadingWriter,
  ) {
    this.prefix = `${p.config.mqttTopicRoot}/`;
  }

  get topicFilter(): string {
    return `$share/${this.p.config.mqttShareGroup}/${this.p.config.mqttTopicRoot}/+/sensors/+`;
  }

  start(url: string): Promise<void> {
    const client = mqtt.connect(url, { reconnectPeriod: 2000, connectTimeout: 10_000, clean: true, resubscribe: true });
    this.client = client;
    client.on('message', (topic, payload) => this.onMessage(topic, payload));
    client.on('error', (err) => this.p.log.warn({ err: err.message }, 'MQTT error'));
    client.on('reconnect', () => this.p.log.info('MQTT reconnecting'));
    return new Promise((resolve) => {
      // the first connection is awaited (so a test can publish right after start), later ones are not
      client.once('connect', () => {
        client.subscribe(this.topicFilter, { qos: 1 }, (err) => {
          if (err) this.p.log.error({ err: err.message }, 'MQTT subscribe failed');
          else this.p.log.info({ topic: this.topicFilter }, 'MQTT subscribed');
          resolve();
        });
      });
      // no broker yet: the server starts anyway and keeps trying
      setTimeout(resolve, 5000).unref();
    });
  }

  async stop(): Promise<void> {
    const c = this.client;
    this.client = null;
    // a broker that went away must not hold up the shutdown
    if (c) await Promise.race([c.endAsync(), new Promise((r) => setTimeout(r, 2000).unref())]).catch(() => {});
    if (c && !c.disconnected) c.end(true);
  }

  private onMessage(topic: string, payload: Buffer): void {
    this.stats.messages++;
    const rest = topic.startsWith(this.prefix) ? topic.slice(this.prefix.length).split('/') : [];
    if (rest.length !== 3 || rest[1] !== 'sensors' || !rest[0] || !rest[2]) return this.bad('badTopic', topic, 'topic');
    const [tenantCode, , sensor] = rest;
    const parsed = parsePayload(sensor, payload.toString('utf8'), this.p.clock.now());
    if (typeof parsed === 'string') return this.bad('badPayload', topic, parsed);
    const cached = this.tenants.get(tenantCode);
    if (cached && !(cached instanceof Promise) && cached.until > Date.now()) return this.deliver(cached.id, tenantCode, parsed);
    void this.tenantId(tenantCode).then(
      (id) => this.deliver(id, tenantCode, parsed),
      (err) => this.p.log.error({ err }, 'MQTT tenant lookup failed'),
    );
  }

  private deliver(tenantId: string | null, tenantCode: string, readings: IncomingReading[]): void {
    if (!tenantId) return this.bad('unknownTenant', tenantCode, 'no such tenant');
    this.writer.offer(tenantId, readings);
  }

  /** Tenant code → id through the authentication function (no tenant is set yet); cached a minute. */
  private tenantId(code: string): Promise<string | null> {
    const cached = this.tenants.get(code);
    if (cached instanceof Promise) return cached;
    if (cached && cached.until > Date.now()) return Promise.resolve(cached.id);
    const lookup = this.p.database.db
      .transaction()
      .execute(async (tx) => {
        await enterPlatform(tx);
        const r = await sql<{ id: string; demo: boolean }>`SELECT * FROM auth_tenant(${code})`.execute(tx);
        const row = r.rows[0];
        // the demo company's sensors take readings only in demo mode
        return row && (!row.demo || this.p.config.demo) ? row.id : null;
      })
      .then(
        (id) => {
          this.tenants.set(code, { id, until: Date.now() + 60_000 });
          return id;
        },
        (err) => {
          this.tenants.delete(code);
          throw err;
        },
      );
    this.tenants.set(code, lookup);
    return lookup;
  }

  private bad(kind: 'badTopic' | 'badPayload' | 'unknownTenant', where: string, why: string): void {
    this.stats[kind]++;
    const now = Date.now();
    if (now - this.lastWarn > 10_000) {
      this.lastWarn = now;
      this.p.log.warn({ where, why, stats: this.stats }, 'MQTT sensor message rejected');
    }
  }
}
