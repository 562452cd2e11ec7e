import { sql } from 'kysely';
import type { Tx } from '../../platform/work.js';
import type { Phase, ThresholdColor } from '../../../core/sensors/threshold.js';

export interface SensorRow {
  id: string;
  code: string;
  name: string;
  equipment_id: string | null;
  equipment_code: string | null;
  equipment_name: string | null;
  area_id: string | null;
  area_name: string | null;
  parameter: string;
  unit: string;
  enabled: boolean;
  last_value: number | null;
  last_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface ThresholdRow {
  id: string;
  sensor_id: string;
  direction: 'above' | 'below';
  limit: number;
  clear_at: number;
  hold_seconds: number;
  color: ThresholdColor;
  enabled: boolean;
  sort: number;
  phase: Phase | null;
  since: Date | null;
  state_last_at: Date | null;
  warning_identifier: string | null;
}

/** A sensor as the ingestion needs it, its row locked for the rest of the transaction. */
export interface LockedSensor {
  id: string;
  code: string;
  name: string;
  parameter: string;
  unit: string;
  enabled: boolean;
  equipment_id: string | null;
  equipment_name: string | null;
  area_id: string | null;
  last_at: Date | null;
}

export interface StateWrite {
  thresholdId: string;
  sensorId: string;
  phase: Phase;
  since: Date | null;
  lastValue: number | null;
  lastAt: Date | null;
  warningIdentifier: string | null;
}

export interface Bucket {
  t: string;
  min: number;
  avg: number;
  max: number;
  n: number;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** SQL of the sensors module; only this file touches its tables. */
export class SensorStore {
  private sensorQuery(tx: Tx) {
    return tx
      .selectFrom('sensors as s')
      .leftJoin('equipment as e', 'e.id', 's.equipment_id')
      .leftJoin('areas as a', (j) => j.on(sql<boolean>`a.id = coalesce(s.area_id, e.area_id)`))
      .select([
        's.id', 's.code', 's.name', 's.equipment_id', 'e.code as equipment_code', 'e.name as equipment_name',
        sql<string | null>`coalesce(s.area_id, e.area_id)`.as('area_id'), 'a.name as area_name',
        's.parameter', 's.unit', 's.enabled', 's.last_value', 's.last_at', 's.version', 's.created_at', 's.updated_at',
      ]);
  }

  async list(tx: Tx): Promise<SensorRow[]> {
    const rows = await this.sensorQuery(tx).orderBy('s.code').execute();
    return rows.map((r) => ({ ...r, last_value: num(r.last_value) })) as SensorRow[];
  }

  async get(tx: Tx, id: string): Promise<SensorRow | undefined> {
    const r = await this.sensorQuery(tx).where('s.id', '=', id).executeTakeFirst();
    return r ? ({ ...r, last_value: num(r.last_value) } as SensorRow) : undefined;
  }

  async thresholds(tx: Tx, sensorIds: string[]): Promise<ThresholdRow[]> {
    if (!sensorIds.length) return [];
    const rows = await tx
      .selectFrom('sensor_thresholds as t')
      .leftJoin('sensor_states as st', 'st.threshold_id', 't.id')
      .select([
        't.id', 't.sensor_id', 't.direction', 't.limit', 't.clear_at', 't.hold_seconds', 't.color', 't.enabled', 't.sort',
        'st.phase', 'st.since', 'st.last_at as state_last_at', 'st.warning_identifier',
      ])
      .where('t.sensor_id', 'in', sensorIds)
      .orderBy('t.sensor_id')
      .orderBy('t.sort')
      .orderBy('t.id')
      .execute();
    return rows.map((r) => ({ ...r, limit: Number(r.limit), clear_at: Number(r.clear_at) })) as ThresholdRow[];
  }

  /** Which of these codes exist, and whether they take readings. */
  async codes(tx: Tx, codes: string[]): Promise<Map<string, boolean>> {
    if (!codes.length) return new Map();
    const rows = await tx.selectFrom('sensors').select(['code', 'enabled']).where('code', 'in', codes).execute();
    return new Map(rows.map((r) => [r.code, r.enabled]));
  }

  /**
   * Lock the sensors a batch touches, in id order: two instances flushing overlapping batches
   * take the locks in the same order and cannot deadlock; the lock makes the threshold states
   * of a sensor one writer's at a time.
   */
  async lockByCodes(tx: Tx, codes: string[]): Promise<LockedSensor[]> {
    const r = await sql<LockedSensor>`
      SELECT s.id, s.code, s.name, s.parameter, s.unit, s.enabled, s.equipment_id, e.name AS equipment_name,
             coalesce(s.area_id, e.area_id) AS area_id, s.last_at
      FROM sensors s LEFT JOIN equipment e ON e.id = s.equipment_id
      WHERE s.code = ANY(${codes}::text[])
      ORDER BY s.id
      FOR UPDATE OF s`.execute(tx);
    return r.rows;
  }

  /** One statement for the whole batch; a redelivered reading (same sensor and instant) is skipped. */
  async insertReadings(tx: Tx, tenantId: string, sensorIds: string[], atMs: number[], values: number[]): Promise<void> {
    if (!sensorIds.length) return;
    // times as epoch milliseconds: numbers are cheaper to send and convert than ISO text
    await sql`
      INSERT INTO sensor_readings (tenant_id, sensor_id, at, value)
      SELECT ${tenantId}::uuid, u.s, to_timestamp(u.a / 1000.0), u.v
      FROM unnest(${sensorIds}::uuid[], ${atMs}::float8[], ${values}::float8[]) AS u(s, a, v)
      ON CONFLICT DO NOTHING`.execute(tx);
  }

  async writeStates(tx: Tx, tenantId: string, rows: StateWrite[], now: Date): Promise<void> {
    if (!rows.length) return;
    await sql`
      INSERT INTO sensor_states (tenant_id, threshold_id, sensor_id, phase, since, last_value, last_at, warning_identifier, changed_at)
      SELECT ${tenantId}::uuid, u.t, u.s, u.p, u.since, u.v, u.a, u.w, ${now}
      FROM unnest(${rows.map((r) => r.thresholdId)}::uuid[], ${rows.map((r) => r.sensorId)}::uuid[], ${rows.map((r) => r.phase)}::text[],
                  ${rows.map((r) => r.since?.toISOString() ?? null)}::timestamptz[], ${rows.map((r) => r.lastValue)}::float8[],
                  ${rows.map((r) => r.lastAt?.toISOString() ?? null)}::timestamptz[], ${rows.map((r) => r.warningIdentifier)}::text[])
           AS u(t, s, p, since, v, a, w)
      ON CONFLICT (threshold_id) DO UPDATE SET
        phase = EXCLUDED.phase, since = EXCLUDED.since, last_value = EXCLUDED.last_value, last_at = EXCLUDED.last_at,
        warning_identifier = EXCLUDED.warning_identifier,
        changed_at = CASE WHEN sensor_states.phase = EXCLUDED.phase THEN sensor_states.changed_at ELSE EXCLUDED.changed_at END`.execute(tx);
  }

  /** The latest reading per sensor, kept only if newer than the stored one (late deliveries). */
  async writeLatest(tx: Tx, latest: { id: string; at: string; value: number }[]): Promise<void> {
    if (!latest.length) return;
    await sql`
      UPDATE sensors s SET last_value = u.v, last_at = u.a
      FROM unnest(${latest.map((l) => l.id)}::uuid[], ${latest.map((l) => l.at)}::timestamptz[], ${latest.map((l) => l.value)}::float8[]) AS u(id, a, v)
      WHERE s.id = u.id AND (s.last_at IS NULL OR s.last_at <= u.a)`.execute(tx);
  }

  /** min/avg/max per equal-width time bucket between from and to. */
  async buckets(tx: Tx, sensorId: string, from: Date, to: Date, buckets: number): Promise<Bucket[]> {
    const widthMs = Math.max(1, (to.getTime() - from.getTime()) / buckets);
    const r = await sql<{ b: number; min: number; avg: number; max: number; n: string }>`
      SELECT floor(extract(epoch FROM at - ${from}::timestamptz) * 1000 / ${widthMs}::float8)::int AS b,
             min(value) AS min, avg(value) AS avg, max(value) AS max, count(*) AS n
      FROM sensor_readings
      WHERE sensor_id = ${sensorId} AND at >= ${from} AND at < ${to}
      GROUP BY 1 ORDER BY 1`.execute(tx);
    return r.rows.map((x) => ({
      t: new Date(from.getTime() + Number(x.b) * widthMs).toISOString(),
      min: Number(x.min),
      avg: Number(x.avg),
      max: Number(x.max),
      n: Number(x.n),
    }));
  }

  async insertSensor(tx: Tx, v: { tenant_id: string; code: string; name: string; equipment_id: string | null; area_id: string | null; parameter: string; unit: string; enabled: boolean }) {
    return (await tx.insertInto('sensors').values(v).returning('id').executeTakeFirstOrThrow()).id;
  }

  async updateSensor(tx: Tx, id: string, version: number, patch: Partial<{ name: string; equipment_id: string | null; area_id: string | null; parameter: string; unit: string; enabled: boolean }>, now: Date) {
    const r = await tx
      .updateTable('sensors')
      .set({ ...patch, version: sql`version + 1`, updated_at: now })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async replaceThresholds(
    tx: Tx,
    tenantId: string,
    sensorId: string,
    list: { id?: string; direction: 'above' | 'below'; limit: number; clearAt: number; holdSeconds: number; color: ThresholdColor; enabled: boolean }[],
  ): Promise<void> {
    const keep = list.flatMap((t) => (t.id ? [t.id] : []));
    let del = tx.deleteFrom('sensor_thresholds').where('sensor_id', '=', sensorId);
    if (keep.length) del = del.where('id', 'not in', keep);
    await del.execute();
    for (const [sort, t] of list.entries()) {
      const values = { direction: t.direction, limit: t.limit, clear_at: t.clearAt, hold_seconds: t.holdSeconds, color: t.color, enabled: t.enabled, sort };
      if (t.id) await tx.updateTable('sensor_thresholds').set(values).where('id', '=', t.id).where('sensor_id', '=', sensorId).execute();
      else await tx.insertInto('sensor_thresholds').values({ tenant_id: tenantId, sensor_id: sensorId, ...values }).execute();
    }
  }

  equipment(tx: Tx, id: string) {
    return tx.selectFrom('equipment').select(['id', 'area_id', 'name']).where('id', '=', id).executeTakeFirst();
  }

  area(tx: Tx, id: string) {
    return tx.selectFrom('areas').select(['id']).where('id', '=', id).executeTakeFirst();
  }
}
