import { sql } from 'kysely';
import type { Tx } from '../../platform/work.js';
import type { ThresholdColor } from '../../../core/sensors/threshold.js';

type T = { direction: 'above' | 'below'; limit: number; clearAt: number; holdSeconds: number; color: ThresholdColor };

interface DemoSensor {
  code: string;
  name: string;
  equipment: string | null;
  area?: string;
  parameter: string;
  unit: string;
  /** night level, extra during the day shift (08:00–17:00 Beijing time), noise amplitude */
  base: number;
  day: number;
  noise: number;
  digits: number;
  thresholds: T[];
}

// Limits as commonly configured for such equipment; tenants adjust them in the threshold editor.
const SENSORS: DemoSensor[] = [
  // GBZ 2.1-2019: total dust PC-TWA typically 8 mg/m³; collector outlet alarm above it
  { code: 'DUST-SPR-01', name: '喷涂线除尘器出口粉尘', equipment: 'SPR-001', parameter: 'dust_mg_m3', unit: 'mg/m³', base: 2.2, day: 3.2, noise: 0.5, digits: 2,
    thresholds: [{ direction: 'above', limit: 8, clearAt: 7, holdSeconds: 60, color: 'yellow' }, { direction: 'above', limit: 10, clearAt: 8, holdSeconds: 60, color: 'orange' }] },
  { code: 'TEMP-CMP-01', name: '1号空压机电机温度', equipment: 'CMP-001', parameter: 'temperature', unit: '°C', base: 52, day: 16, noise: 1.5, digits: 1,
    thresholds: [{ direction: 'above', limit: 85, clearAt: 80, holdSeconds: 120, color: 'orange' }, { direction: 'above', limit: 95, clearAt: 90, holdSeconds: 30, color: 'red' }] },
  // ISO 10816-3 zone boundaries for medium machines: 4.5 (C) and 7.1 mm/s (D)
  { code: 'VIB-FAN-01', name: '喷漆房排风机振动', equipment: 'FAN-001', parameter: 'vibration_mm_s', unit: 'mm/s', base: 1.8, day: 0.9, noise: 0.25, digits: 2,
    thresholds: [{ direction: 'above', limit: 4.5, clearAt: 4, holdSeconds: 60, color: 'yellow' }, { direction: 'above', limit: 7.1, clearAt: 6, holdSeconds: 30, color: 'orange' }] },
  // GBZ 2.2-2007: 85 dB(A) for an 8-hour day
  { code: 'NOISE-PRS-01', name: '冲压车间噪声', equipment: 'PRS-001', parameter: 'noise_db', unit: 'dB(A)', base: 62, day: 17, noise: 2, digits: 1,
    thresholds: [{ direction: 'above', limit: 85, clearAt: 82, holdSeconds: 300, color: 'yellow' }] },
  // GB/T 50493-2019: first alarm ≤ 25 % LEL, second ≤ 50 % LEL
  { code: 'GAS-B03-01', name: '危化品仓库可燃气体', equipment: null, area: 'B03', parameter: 'gas_lel', unit: '%LEL', base: 0.8, day: 0.4, noise: 0.3, digits: 1,
    thresholds: [{ direction: 'above', limit: 20, clearAt: 10, holdSeconds: 0, color: 'orange' }, { direction: 'above', limit: 50, clearAt: 25, holdSeconds: 0, color: 'red' }] },
  { code: 'GAS-D01-01', name: '食堂燃气浓度', equipment: 'GAS-001', parameter: 'gas_lel', unit: '%LEL', base: 0.5, day: 1.5, noise: 0.4, digits: 1,
    thresholds: [{ direction: 'above', limit: 20, clearAt: 10, holdSeconds: 0, color: 'red' }] },
  // dry-type transformer windings (class F): alarm 130 °C, trip 150 °C
  { code: 'TEMP-TRF-01', name: '1号变压器绕组温度', equipment: 'TRF-001', parameter: 'temperature', unit: '°C', base: 68, day: 22, noise: 1.2, digits: 1,
    thresholds: [{ direction: 'above', limit: 130, clearAt: 120, holdSeconds: 60, color: 'orange' }, { direction: 'above', limit: 150, clearAt: 140, holdSeconds: 0, color: 'red' }] },
  { code: 'PRES-TNK-01', name: '1号储气罐压力', equipment: 'TNK-001', parameter: 'pressure_mpa', unit: 'MPa', base: 0.66, day: 0.06, noise: 0.015, digits: 3,
    thresholds: [{ direction: 'above', limit: 0.8, clearAt: 0.76, holdSeconds: 30, color: 'orange' }, { direction: 'below', limit: 0.45, clearAt: 0.5, holdSeconds: 120, color: 'yellow' }] },
];

const STEP_MS = 5 * 60_000;
const DAYS = 7;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** 0 at night, rising to 1 through the day shift (Beijing time), a dip at lunch. */
function shift(t: number): number {
  const h = (((t / 3600_000 + 8) % 24) + 24) % 24;
  if (h < 7 || h > 18.5) return 0;
  if (h < 8) return h - 7;
  if (h > 17.5) return 18.5 - h;
  return h >= 11.75 && h < 12.75 ? 0.55 : 1;
}

/**
 * Eight sensors on the demo equipment, with thresholds and 7 days of readings at 5-minute steps
 * (a daily pattern, noise, and one past dust excursion three days ago for the trend chart).
 * Rows go in as arrays through unnest: a few statements, not 16,000.
 */
export async function seedSensors(tx: Tx, tenantId: string, now: Date): Promise<void> {
  const equipment = await tx.selectFrom('equipment').select(['id', 'code', 'area_id']).execute();
  const eq = new Map(equipment.map((e) => [e.code, e]));
  const areas = new Map((await tx.selectFrom('areas').select(['id', 'code']).execute()).map((a) => [a.code, a.id]));
  const rand = rng(610);
  const end = Math.floor(now.getTime() / STEP_MS) * STEP_MS;
  const start = end - DAYS * 24 * 3600_000;
  const excursionFrom = end - 3 * 24 * 3600_000 - ((end / 3600_000 + 8) % 24) * 3600_000 + 14.5 * 3600_000; // 14:30 three days ago
  const ids: string[] = [];
  const ats: string[] = [];
  const values: number[] = [];
  for (const d of SENSORS) {
    const e = d.equipment ? eq.get(d.equipment) : undefined;
    if (d.equipment && !e) continue; // a tenant without that equipment
    const sensor = await tx
      .insertInto('sensors')
      .values({ tenant_id: tenantId, code: d.code, name: d.name, equipment_id: e?.id ?? null, area_id: e?.area_id ?? (d.area ? areas.get(d.area) ?? null : null), parameter: d.parameter, unit: d.unit })
      .returning('id')
      .executeTakeFirstOrThrow();
    let last = { at: start, value: d.base };
    let drift = 0;
    for (let t = start; t <= end; t += STEP_MS) {
      drift = drift * 0.9 + (rand() - 0.5) * d.noise; // slow wander, not white noise
      let v = d.base + d.day * shift(t) + drift + (rand() - 0.5) * d.noise;
      if (d.code === 'DUST-SPR-01' && t >= excursionFrom && t < excursionFrom + 45 * 60_000) {
        v = 9 + 3.3 * Math.sin(((t - excursionFrom) / (45 * 60_000)) * Math.PI); // peaks at 12.3 mg/m³
      }
      v = Math.max(0, Number(v.toFixed(d.digits)));
      ids.push(sensor.id);
      ats.push(new Date(t).toISOString());
      values.push(v);
      last = { at: t, value: v };
    }
    await tx.updateTable('sensors').set({ last_value: last.value, last_at: new Date(last.at) }).where('id', '=', sensor.id).execute();
    for (const [sort, th] of d.thresholds.entries()) {
      const row = await tx
        .insertInto('sensor_thresholds')
        .values({ tenant_id: tenantId, sensor_id: sensor.id, direction: th.direction, limit: th.limit, clear_at: th.clearAt, hold_seconds: th.holdSeconds, color: th.color, sort })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('sensor_states')
        .values({ tenant_id: tenantId, threshold_id: row.id, sensor_id: sensor.id, phase: 'normal', last_value: last.value, last_at: new Date(last.at), warning_identifier: null, changed_at: new Date(last.at) })
        .execute();
    }
  }
  if (ids.length) {
    await sql`INSERT INTO sensor_readings (tenant_id, sensor_id, at, value)
              SELECT ${tenantId}::uuid, u.s, u.a, u.v FROM unnest(${ids}::uuid[], ${ats}::timestamptz[], ${values}::float8[]) AS u(s, a, v)`.execute(tx);
  }
}
