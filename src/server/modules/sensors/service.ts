import type { Actor } from '../../platform/access.js';
import { requirePermission } from '../../platform/access.js';
import type { Platform } from '../../platform/platform.js';
import type { Work } from '../../platform/work.js';
import { ConflictError, NotFoundError, ValidationError, type ErrorDetail } from '../../platform/errors.js';
import { thresholdProblems, worstPhase, type Phase, type ThresholdColor } from '../../../core/sensors/threshold.js';
import { SensorStore, type SensorRow, type ThresholdRow } from './store.js';
import { MAX_FUTURE_MS } from './mqtt.js';
import type { ReadingWriter } from './writer.js';

export interface ThresholdInput {
  id?: string;
  direction: 'above' | 'below';
  limit: number;
  clearAt: number;
  holdSeconds: number;
  color: ThresholdColor;
  enabled?: boolean;
}

export interface SensorInput {
  code: string;
  name: string;
  equipmentId?: string | null;
  areaId?: string | null;
  parameter: string;
  unit?: string;
  enabled?: boolean;
  thresholds?: ThresholdInput[];
}

export type SensorPatch = Partial<Omit<SensorInput, 'code' | 'thresholds'>> & { version: number };

export interface ThresholdView {
  id: string;
  direction: 'above' | 'below';
  limit: number;
  clearAt: number;
  holdSeconds: number;
  color: ThresholdColor;
  enabled: boolean;
  state: Phase;
  since: string | null;
}

export interface SensorView {
  id: string;
  code: string;
  name: string;
  equipment: { id: string; code: string; name: string } | null;
  area: { id: string; name: string } | null;
  parameter: string;
  unit: string;
  enabled: boolean;
  lastValue: number | null;
  lastAt: string | null;
  state: Phase;
  thresholds: ThresholdView[];
  version: number;
  updatedAt: string;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function present(s: SensorRow, thresholds: ThresholdRow[]): SensorView {
  const ts = thresholds.map(
    (t): ThresholdView => ({
      id: t.id,
      direction: t.direction,
      limit: t.limit,
      clearAt: t.clear_at,
      holdSeconds: t.hold_seconds,
      color: t.color,
      enabled: t.enabled,
      state: t.enabled ? (t.phase ?? 'normal') : 'normal',
      since: iso(t.since),
    }),
  );
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    equipment: s.equipment_id ? { id: s.equipment_id, code: s.equipment_code ?? '', name: s.equipment_name ?? '' } : null,
    area: s.area_id ? { id: s.area_id, name: s.area_name ?? '' } : null,
    parameter: s.parameter,
    unit: s.unit,
    enabled: s.enabled,
    lastValue: s.last_value,
    lastAt: iso(s.last_at),
    state: worstPhase(ts.map((t) => t.state)),
    thresholds: ts,
    version: s.version,
    updatedAt: new Date(s.updated_at).toISOString(),
  };
}

/**
 * Sensors and thresholds (reference data edited with a version check) and the read side for
 * lists and trend charts. Any logged-in user may look; sensors.manage may change.
 */
export class SensorService {
  readonly store = new SensorStore();
  constructor(
    private readonly p: Platform,
    private readonly writer: ReadingWriter,
  ) {}

  list(actor: Actor): Promise<{ items: SensorView[] }> {
    return this.p.run(actor, async (w) => {
      const sensors = await this.store.list(w.tx);
      const ths = await this.store.thresholds(w.tx, sensors.map((s) => s.id));
      return { items: sensors.map((s) => present(s, ths.filter((t) => t.sensor_id === s.id))) };
    });
  }

  get(actor: Actor, id: string): Promise<SensorView> {
    return this.p.run(actor, (w) => this.load(w, id));
  }

  private async load(w: Work, id: string): Promise<SensorView> {
    const s = await this.store.get(w.tx, id);
    if (!s) throw new NotFoundError('sensor', id);
    return present(s, await this.store.thresholds(w.tx, [id]));
  }

  readings(actor: Actor, id: string, q: { from?: string; to?: string; buckets: number }) {
    const to = q.to ? new Date(q.to) : this.p.clock.now();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 24 * 3600_000);
    if (!(from < to)) throw new ValidationError('from must be before to', [{ path: 'querystring.from', message: 'must be before to' }]);
    return this.p.run(actor, async (w) => {
      if (!(await this.store.get(w.tx, id))) throw new NotFoundError('sensor', id);
      const buckets = await this.store.buckets(w.tx, id, from, to, q.buckets);
      return { from: from.toISOString(), to: to.toISOString(), bucketSeconds: (to.getTime() - from.getTime()) / 1000 / q.buckets, buckets };
    });
  }

  create(actor: Actor, input: SensorInput): Promise<SensorView> {
    requirePermission(actor, 'sensors.manage');
    return this.p.run(actor, async (w) => {
      const details: ErrorDetail[] = [];
      const refs = await this.checkRefs(w, input, details);
      (input.thresholds ?? []).forEach((t, i) => details.push(...thresholdProblems(t, `body.thresholds.${i}.`)));
      if ((await this.store.codes(w.tx, [input.code])).size) details.push({ path: 'body.code', message: 'a sensor with this code exists' });
      if (details.length) throw new ValidationError('the sensor cannot be created', details);
      const id = await this.store.insertSensor(w.tx, {
        tenant_id: w.tenantId,
        code: input.code,
        name: input.name,
        equipment_id: refs.equipmentId,
        area_id: refs.areaId,
        parameter: input.parameter,
        unit: input.unit ?? '',
        enabled: input.enabled ?? true,
      });
      await this.store.replaceThresholds(w.tx, w.tenantId, id, (input.thresholds ?? []).map((t) => ({ ...t, id: undefined, enabled: t.enabled ?? true })));
      const view = await this.load(w, id);
      w.audit({ action: 'sensor.create', entityType: 'sensor', entityId: id, after: view });
      return view;
    });
  }

  update(actor: Actor, id: string, patch: SensorPatch): Promise<SensorView> {
    requirePermission(actor, 'sensors.manage');
    return this.p.run(actor, async (w) => {
      const before = await this.load(w, id);
      const details: ErrorDetail[] = [];
      const refs = await this.checkRefs(w, patch, details);
      if (details.length) throw new ValidationError('the sensor cannot be changed', details);
      const ok = await this.store.updateSensor(
        w.tx,
        id,
        patch.version,
        {
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.equipmentId !== undefined ? { equipment_id: refs.equipmentId } : {}),
          ...(patch.areaId !== undefined || patch.equipmentId !== undefined ? { area_id: refs.areaId } : {}),
          ...(patch.parameter !== undefined ? { parameter: patch.parameter } : {}),
          ...(patch.unit !== undefined ? { unit: patch.unit } : {}),
          ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
        },
        this.p.clock.now(),
      );
      if (!ok) throw new ConflictError('the sensor was changed by someone else; reload it', 'VERSION_CONFLICT');
      const after = await this.load(w, id);
      w.audit({ action: 'sensor.update', entityType: 'sensor', entityId: id, before, after });
      w.emit({ type: 'sensor.updated', subjectType: 'sensor', subjectId: id, payload: { code: after.code, phase: after.state, value: after.lastValue } });
      return after;
    });
  }

  /** Replace the sensor's thresholds (kept ids keep their state); bumps the sensor's version. */
  setThresholds(actor: Actor, id: string, body: { version: number; thresholds: ThresholdInput[] }): Promise<SensorView> {
    requirePermission(actor, 'sensors.manage');
    return this.p.run(actor, async (w) => {
      const before = await this.load(w, id);
      const details: ErrorDetail[] = [];
      body.thresholds.forEach((t, i) => {
        details.push(...thresholdProblems(t, `body.thresholds.${i}.`));
        if (t.id && !before.thresholds.some((x) => x.id === t.id)) details.push({ path: `body.thresholds.${i}.id`, message: 'not a threshold of this sensor' });
      });
      if (details.length) throw new ValidationError('the thresholds cannot be saved', details);
      if (!(await this.store.updateSensor(w.tx, id, body.version, {}, this.p.clock.now()))) {
        throw new ConflictError('the sensor was changed by someone else; reload it', 'VERSION_CONFLICT');
      }
      await this.store.replaceThresholds(w.tx, w.tenantId, id, body.thresholds.map((t) => ({ ...t, enabled: t.enabled ?? true })));
      const after = await this.load(w, id);
      w.audit({ action: 'sensor.thresholds', entityType: 'sensor', entityId: id, before: before.thresholds, after: after.thresholds });
      w.emit({ type: 'sensor.updated', subjectType: 'sensor', subjectId: id, payload: { code: after.code, phase: after.state, value: after.lastValue } });
      return after;
    });
  }

  /**
   * HTTP ingestion: every code must name an enabled sensor of the caller's tenant (422 with the
   * paths otherwise); then the readings join the same batches as MQTT's, and the answer comes
   * once they are stored.
   */
  async ingest(actor: Actor, readings: { sensor: string; value: number; at?: string }[]) {
    // a gateway's API token scoped to sensors.ingest; no person posts readings
    requirePermission(actor, 'sensors.ingest');
    const now = this.p.clock.now();
    const codes = [...new Set(readings.map((r) => r.sensor))];
    const known = await this.p.run(actor, (w) => this.store.codes(w.tx, codes));
    const details: ErrorDetail[] = [];
    readings.forEach((r, i) => {
      const enabled = known.get(r.sensor);
      if (enabled === undefined) details.push({ path: `body.readings.${i}.sensor`, message: `no sensor with code ${r.sensor}` });
      else if (!enabled) details.push({ path: `body.readings.${i}.sensor`, message: `sensor ${r.sensor} is disabled` });
      if (r.at && new Date(r.at).getTime() > now.getTime() + MAX_FUTURE_MS) details.push({ path: `body.readings.${i}.at`, message: 'more than 5 minutes in the future' });
    });
    if (details.length) throw new ValidationError('readings rejected', details.slice(0, 100));
    await this.writer.add(
      actor.tenantId,
      readings.map((x) => ({ sensor: x.sensor, value: x.value, at: x.at ? new Date(x.at) : now })),
    );
    return { accepted: readings.length };
  }

  private async checkRefs(w: Work, input: { equipmentId?: string | null; areaId?: string | null }, details: ErrorDetail[]) {
    let areaId = input.areaId ?? null;
    const equipmentId = input.equipmentId ?? null;
    if (equipmentId) {
      const e = await this.store.equipment(w.tx, equipmentId);
      if (!e) details.push({ path: 'body.equipmentId', message: 'no such equipment' });
      else if (input.areaId === undefined) areaId = e.area_id; // the equipment's area unless given
    }
    if (input.areaId && !(await this.store.area(w.tx, input.areaId))) details.push({ path: 'body.areaId', message: 'no such area' });
    return { equipmentId, areaId };
  }
}
