import { systemActor } from '../../platform/access.js';
import type { Platform } from '../../platform/platform.js';
import type { Work } from '../../platform/work.js';
import { run, worstPhase, type Phase, type Reading, type ThresholdState } from '../../../core/sensors/threshold.js';
import { SensorStore, type LockedSensor, type StateWrite, type ThresholdRow } from './store.js';
import { SENSOR_BREACH, SENSOR_UPDATED, type SensorEventPayload } from './events.js';
import { fmtValue, parameterLabel } from './labels.js';
import type { WarningLink } from './warnings-link.js';

/** One reading as received: the sensor by its code, its own time (or the arrival time). */
export interface IncomingReading {
  sensor: string;
  value: number;
  at: Date;
}

export interface IngestResult {
  stored: number;
  unknown: number;
  disabled: number;
  breaches: number;
  clears: number;
}

/**
 * Write one tenant's batch of readings in one transaction: lock the touched sensors (id order),
 * one multi-row INSERT of the readings, the thresholds evaluated in time order from their stored
 * states, the new states written, and a warning raised per breach (cleared per clear). Events go
 * out only for state changes, never per reading.
 */
export class SensorIngest {
  private readonly store = new SensorStore();
  constructor(
    private readonly p: Platform,
    private readonly warnings: WarningLink,
  ) {}

  ingest(tenantId: string, items: IncomingReading[]): Promise<IngestResult> {
    return this.p.run(systemActor(tenantId, 'sensors'), (w) => this.ingestIn(w, items));
  }

  async ingestIn(w: Work, items: IncomingReading[]): Promise<IngestResult> {
    const result: IngestResult = { stored: 0, unknown: 0, disabled: 0, breaches: 0, clears: 0 };
    const codes = [...new Set(items.map((i) => i.sensor))];
    const sensors = await this.store.lockByCodes(w.tx, codes);
    const byCode = new Map(sensors.map((s) => [s.code, s]));

    const perSensor = new Map<string, Reading[]>();
    const ids: string[] = [];
    const ats: number[] = [];
    const values: number[] = [];
    for (const r of items) {
      const s = byCode.get(r.sensor);
      if (!s) result.unknown++;
      else if (!s.enabled) result.disabled++;
      else {
        ids.push(s.id);
        ats.push(r.at.getTime());
        values.push(r.value);
        let list = perSensor.get(s.id);
        if (!list) perSensor.set(s.id, (list = []));
        list.push({ at: r.at.getTime(), value: r.value });
      }
    }
    if (!ids.length) return result;
    await this.store.insertReadings(w.tx, w.tenantId, ids, ats, values);
    result.stored = ids.length;

    const latest: { id: string; at: string; value: number }[] = [];
    for (const [id, list] of perSensor) {
      list.sort((a, b) => a.at - b.at); // stable: equal instants keep arrival order
      const last = list[list.length - 1];
      latest.push({ id, at: new Date(last.at).toISOString(), value: last.value });
    }
    await this.store.writeLatest(w.tx, latest);

    const thresholds = (await this.store.thresholds(w.tx, [...perSensor.keys()])).filter((t) => t.enabled);
    const sensorById = new Map(sensors.map((s) => [s.id, s]));
    const states: StateWrite[] = [];
    const changed = new Map<string, { phases: Phase[]; changed: boolean; breach: boolean; value: number }>();
    const bySensor = new Map<string, ThresholdRow[]>();
    for (const t of thresholds) bySensor.set(t.sensor_id, [...(bySensor.get(t.sensor_id) ?? []), t]);
    for (const [sensorId, own] of bySensor) {
      const readings = perSensor.get(sensorId)!;
      const sensor = sensorById.get(sensorId)!;
      // the horizon for late readings: the sensor's latest reading before this batch (its state
      // row is written only when the state moves, so its own time may be older)
      const sensorLast = sensor.last_at ? new Date(sensor.last_at).getTime() : -Infinity;
      const runs = own.map((t) => {
        const horizon = Math.max(t.state_last_at?.getTime() ?? -Infinity, sensorLast);
        const before: ThresholdState = { phase: t.phase ?? 'normal', since: t.since?.getTime() ?? null, lastAt: Number.isFinite(horizon) ? horizon : null };
        return { t, before, out: run({ direction: t.direction, limit: t.limit, clearAt: t.clear_at, holdSeconds: t.hold_seconds, color: t.color }, before, readings) };
      });
      // One excursion of one sensor is one warning: the first threshold crossed raises it, a
      // higher one raises its colour, and it clears once no threshold is breached any more (the
      // value is back below the lowest clear line). The thresholds' events, merged in time order.
      const breached = new Set(runs.filter((r) => r.before.phase === 'breached').map((r) => r.t.id));
      let identifier = runs.find((r) => r.before.phase === 'breached' && r.t.warning_identifier)?.t.warning_identifier ?? null;
      const events = runs
        .flatMap((r) => r.out.events.map((e) => ({ ...e, t: r.t })))
        .sort((a, b) => a.reading.at - b.reading.at || (a.event === b.event ? 0 : a.event === 'breach' ? -1 : 1));
      for (const e of events) {
        if (e.event === 'breach') {
          breached.add(e.t.id);
          const input = {
            sourceKind: 'sensor' as const,
            identifier: identifier ?? `sensor:${sensor.id}:${new Date(e.since ?? e.reading.at).toISOString()}`,
            eventType: 'equipment' as const,
            color: e.t.color,
            title: breachTitle(sensor, e.t, e.reading.value),
            description: breachDescription(sensor, e.t, e.reading),
            areaId: sensor.area_id,
            equipmentId: sensor.equipment_id,
            sensorId: sensor.id,
          };
          if (identifier) await this.warnings.rise(w, { ...input, at: new Date(e.reading.at), value: e.reading.value });
          else await this.warnings.raise(w, input);
          identifier = input.identifier;
          result.breaches++;
        } else {
          breached.delete(e.t.id);
          if (identifier && breached.size === 0) {
            await this.warnings.markCleared(w, identifier);
            identifier = null;
            result.clears++;
          }
        }
      }
      for (const { t, before, out } of runs) {
        const moved = t.phase === null || out.state.phase !== before.phase || out.state.since !== before.since || out.events.length > 0 || (out.state.phase === 'breached' && t.warning_identifier !== identifier);
        const last = out.state.lastAt !== null ? readings.findLast((r) => r.at === out.state.lastAt) : undefined;
        // written only when the state moves: thousands of readings a second must not mean as many row updates
        if (moved) states.push({
          thresholdId: t.id,
          sensorId: t.sensor_id,
          phase: out.state.phase,
          since: out.state.since === null ? null : new Date(out.state.since),
          lastValue: last?.value ?? null,
          lastAt: out.state.lastAt === null ? null : new Date(out.state.lastAt),
          warningIdentifier: out.state.phase === 'breached' ? identifier : null,
        });
        const c = changed.get(t.sensor_id) ?? { phases: [], changed: false, breach: false, value: readings[readings.length - 1].value };
        c.phases.push(out.state.phase);
        c.changed ||= out.state.phase !== before.phase || out.events.length > 0;
        c.breach ||= out.events.some((e) => e.event === 'breach');
        changed.set(t.sensor_id, c);
      }
    }
    await this.store.writeStates(w.tx, w.tenantId, states, this.p.clock.now());

    for (const [sensorId, c] of changed) {
      if (!c.changed) continue;
      const s = sensorById.get(sensorId)!;
      const payload: SensorEventPayload = { code: s.code, phase: worstPhase(c.phases), value: c.value };
      w.emit({ type: c.breach ? SENSOR_BREACH : SENSOR_UPDATED, subjectType: 'sensor', subjectId: sensorId, payload });
    }
    return result;
  }
}

function subject(s: LockedSensor): string {
  return s.equipment_name ?? s.name;
}

/** e.g. "1号除尘器 粉尘浓度超限 12.3 mg/m³ (限值 10)" */
export function breachTitle(s: LockedSensor, t: Pick<ThresholdRow, 'direction' | 'limit'>, value: number): string {
  const what = parameterLabel(s.parameter, s.name);
  const verb = t.direction === 'above' ? '超限' : '低于下限';
  const unit = s.unit ? ` ${s.unit}` : '';
  return `${subject(s)} ${what}${verb} ${fmtValue(value)}${unit} (限值 ${fmtValue(t.limit)})`;
}

function breachDescription(s: LockedSensor, t: ThresholdRow, r: Reading): string {
  const rel = t.direction === 'above' ? '高于' : '低于';
  const unit = s.unit ? ` ${s.unit}` : '';
  return (
    `传感器 ${s.code}（${s.name}）读数 ${fmtValue(r.value)}${unit}，${rel}限值 ${fmtValue(t.limit)}${unit}` +
    (t.hold_seconds ? ` 持续 ${t.hold_seconds} 秒以上` : '') +
    `；回到 ${fmtValue(t.clear_at)}${unit} ${t.direction === 'above' ? '以下' : '以上'}视为解除。读数时间 ${new Date(r.at).toISOString()}`
  );
}
