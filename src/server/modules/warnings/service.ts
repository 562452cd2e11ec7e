import { can, requirePermission, type Actor } from '../../platform/access.js';
import type { Platform } from '../../platform/platform.js';
import type { Work } from '../../platform/work.js';
import { ConflictError, NotFoundError, ValidationError, type ErrorDetail } from '../../platform/errors.js';
import { idempotent } from '../../platform/idempotency.js';
import { EVENT_LABELS, colorRank, instructionsFor, matchRules, type EventType, type WarningColor, type WarningFacts } from '../../../core/warnings/index.js';
import { NotificationService } from '../notifications/service.js';
import { HazardService } from '../hazards/service.js';
import { WarningStore, type WarningFilter } from './store.js';
import { Linkage, ruleDef, type FlowLauncher } from './linkage.js';
import { WarningFlows } from './flow-link.js';
import { WarningOps } from './ops.js';
import { ResponseActions } from './responses.js';
import { WarningTimers } from './timers.js';
import { detailOf, summaryOf } from './present.js';
import { canViewWarning } from './policies.js';
import type { Notifier } from './notify.js';

export interface RaiseInput {
  sourceKind: 'sensor' | 'manual' | 'neighbour';
  identifier: string;
  eventType: EventType;
  color: WarningColor;
  title: string;
  description?: string;
  areaId?: string | null;
  equipmentId?: string | null;
  sensorId?: string | null;
  neighbourName?: string | null;
  photos?: string[];
  /** Departments to instruct besides those the rules name (chosen by the person raising it). */
  departmentIds?: string[];
}

/** One rise of a warning's colour during a sensor excursion. */
export interface ColorRise {
  from: string;
  to: string;
  at: string;
  value: number;
}

export interface ManualInput {
  sourceKind: 'manual' | 'neighbour';
  eventType: EventType;
  color: WarningColor;
  title: string;
  description?: string;
  areaId?: string;
  neighbourName?: string;
  photos?: string[];
  departmentIds?: string[];
}

/** What a warning about to be raised would set in motion: the facts the rules look at. */
export interface PreviewInput {
  sourceKind: 'manual' | 'neighbour';
  eventType: EventType;
  color: WarningColor;
  areaId?: string;
  title?: string;
}

/** What the service is built from; the demo history swaps the notifier for a silent one. */
export interface WarningDeps {
  notifier?: Notifier;
  hazards?: Pick<HazardService, 'reportInWork'> | null;
  flows?: FlowLauncher | null;
}

/**
 * Warnings (C7): the list and the board, manual and neighbour reports, cancelling, the
 * departments' answers; and for other modules (sensors) `raise` and `markCleared` inside their
 * own unit of work.
 */
export class WarningService {
  readonly store = new WarningStore();
  readonly linkage: Linkage;
  readonly ops: WarningOps;
  readonly timers: WarningTimers;
  private readonly responses: ResponseActions;

  constructor(
    private readonly p: Platform,
    deps: WarningDeps = {},
  ) {
    const notifier = deps.notifier ?? new NotificationService(p);
    this.linkage = new Linkage(
      this.store,
      notifier,
      deps.hazards === undefined ? new HazardService(p) : deps.hazards,
      deps.flows === undefined ? new WarningFlows(p) : deps.flows,
    );
    this.ops = new WarningOps(this.store, this.linkage, notifier);
    this.responses = new ResponseActions(this.store, this.linkage);
    this.timers = new WarningTimers(this.store, notifier, (w, id) => this.ops.changed(w, id));
  }

  // ——— in-process API (sensors) ———

  /** Raise (or find, by identifier) a warning inside the caller's unit of work, then run the linkage rules. */
  async raise(work: Work, input: RaiseInput): Promise<{ id: string; created: boolean }> {
    const existing = await this.store.warningByIdentifier(work.tx, input.identifier);
    if (existing) return { id: existing.id, created: false };
    const [area, equipment] = await Promise.all([
      input.areaId ? this.store.area(work.tx, input.areaId) : undefined,
      input.equipmentId ? this.store.equipment(work.tx, input.equipmentId) : undefined,
    ]);
    const now = work.clock.now();
    const sourceName = input.sourceKind === 'sensor' ? '设备传感器' : input.sourceKind === 'neighbour' ? (input.neighbourName ?? '相邻单位') : work.actor.displayName;
    const id = await this.ops.create(work, {
      identifier: input.identifier,
      source_id: null,
      source_kind: input.sourceKind,
      source_name: sourceName,
      status: 'Actual',
      msg_type: 'Alert',
      event_type: input.eventType,
      event: EVENT_LABELS[input.eventType] ?? input.eventType,
      color: input.color,
      headline: input.title.trim().slice(0, 500),
      description: (input.description ?? '').trim(),
      instruction: '',
      sender: work.actor.username,
      sender_name: sourceName,
      area_desc: [area?.name, equipment?.name].filter(Boolean).join(' · '),
      area_id: area?.id ?? (equipment?.area_id ?? null),
      equipment_id: equipment?.id ?? null,
      sensor_id: input.sensorId ?? null,
      neighbour_name: input.neighbourName ?? null,
      photos: input.photos ?? [],
      chosen_department_ids: [...new Set(input.departmentIds ?? [])],
      references: '[]',
      effective: now,
      expires: null,
      sent_at: now,
      raised_by: work.actor.userId,
    });
    if (!id) return { id: (await this.store.warningByIdentifier(work.tx, input.identifier))!.id, created: false };
    await this.ops.changed(work, id);
    return { id, created: true };
  }

  /**
   * A higher threshold crossed during the same excursion: the warning's colour rises (never falls),
   * the rise is recorded, and the linkage rules run again so that departments the higher colour
   * brings in are instructed. A lower or equal colour changes nothing.
   */
  async riseColor(work: Work, identifier: string, input: { color: WarningColor; title: string; description?: string; at: Date; value: number }): Promise<void> {
    const row = await this.store.warningByIdentifier(work.tx, identifier, true);
    if (!row || row.cleared_at || row.state === 'cancelled') return;
    if (colorRank(input.color) <= colorRank(row.color as WarningColor)) return;
    const rises = [...((row.color_rises as unknown as ColorRise[] | null) ?? []), { from: row.color, to: input.color, at: input.at.toISOString(), value: input.value }];
    await this.store.updateWarning(work.tx, row.id, { color_rises: JSON.stringify(rises) }, work.clock.now());
    await this.ops.update(work, row.id, { color: input.color, headline: input.title.trim().slice(0, 500), ...(input.description ? { description: input.description.trim() } : {}) });
    await this.ops.changed(work, row.id);
  }

  /** The condition behind a sensor warning went away: recorded on the warning; the responses still have to be answered. */
  async markCleared(work: Work, identifier: string): Promise<void> {
    const row = await this.store.warningByIdentifier(work.tx, identifier, true);
    if (!row || row.cleared_at) return;
    await this.store.updateWarning(work.tx, row.id, { cleared_at: work.clock.now() }, work.clock.now());
    work.audit({ action: 'warning.cleared', entityType: 'warning', entityId: row.id, basis: 'the condition behind the warning went away' });
    await this.ops.changed(work, row.id);
  }

  // ——— HTTP ———

  list(actor: Actor, f: Omit<WarningFilter, 'visibleTo' | 'now'>, page: number, pageSize: number) {
    return this.p.run(actor, async (w) => {
      const now = w.clock.now();
      const visibleTo = can(actor, 'warnings.view_all') ? undefined : { departmentId: actor.departmentId };
      const { rows, total } = await this.store.listWarnings(w.tx, { ...f, visibleTo, now }, pageSize, (page - 1) * pageSize);
      const responses = await this.store.responsesOf(w.tx, rows.map((r) => r.id));
      return { items: rows.map((r) => summaryOf(r, responses.filter((x) => x.warning_id === r.id), now)), total, page, pageSize };
    });
  }

  get(actor: Actor, id: string) {
    return this.p.run(actor, async (w) => detailOf(w, this.store, actor, await this.visible(w, actor, id), w.clock.now()));
  }

  /** A warning raised by hand, or received from a neighbouring company (by phone, in person). */
  createManual(actor: Actor, input: ManualInput, idempotencyKey?: string) {
    requirePermission(actor, 'warnings.raise');
    return this.p.run(actor, (w) =>
      idempotent(w, idempotencyKey, input, async () => {
        const details: ErrorDetail[] = [];
        if (input.areaId && !(await this.store.area(w.tx, input.areaId))) details.push({ path: 'body.areaId', message: 'no such area' });
        if (input.sourceKind === 'neighbour' && !input.neighbourName?.trim()) details.push({ path: 'body.neighbourName', message: 'required for a neighbour’s warning' });
        const known = new Set((await this.store.departments(w.tx)).map((d) => d.id));
        (input.departmentIds ?? []).forEach((id, i) => {
          if (!known.has(id)) details.push({ path: `body.departmentIds.${i}`, message: 'no such department' });
        });
        const photos = [...new Set(input.photos ?? [])];
        const found = new Map((await this.store.files(w.tx, photos)).map((f) => [f.id, f]));
        photos.forEach((fid, i) => {
          const f = found.get(fid);
          if (!f) details.push({ path: `body.photos.${i}`, message: 'no such file; upload it with POST /files first' });
          else if (!f.mime.startsWith('image/')) details.push({ path: `body.photos.${i}`, message: 'must be an image' });
        });
        if (details.length) throw new ValidationError('the warning cannot be raised', details);
        const identifier = await this.store.nextIdentifier(w.tx, w.tenantId, input.sourceKind === 'neighbour' ? 'NB' : 'MW', w.clock.now());
        const { id } = await this.raise(w, {
          sourceKind: input.sourceKind, identifier, eventType: input.eventType, color: input.color, title: input.title, description: input.description,
          areaId: input.areaId ?? null, neighbourName: input.neighbourName?.trim() ?? null, photos, departmentIds: input.departmentIds,
        });
        return detailOf(w, this.store, actor, (await this.store.warning(w.tx, id))!, w.clock.now());
      }),
    );
  }

  /**
   * Before a warning is raised by hand: which departments the linkage rules would instruct, with
   * their text and deadline, so the form can say so (and offer to choose departments when none).
   */
  preview(actor: Actor, input: PreviewInput) {
    requirePermission(actor, 'warnings.raise');
    return this.p.read(actor, async (w) => {
      const area = input.areaId ? await this.store.area(w.tx, input.areaId) : undefined;
      if (input.areaId && !area) throw new ValidationError('no such area', [{ path: 'query.areaId', message: 'no such area' }]);
      const defs = (await this.store.rules(w.tx, true)).map(ruleDef);
      const facts: WarningFacts = {
        sourceKind: input.sourceKind, eventType: input.eventType, color: input.color, areaId: area?.id ?? null,
        event: EVENT_LABELS[input.eventType] ?? input.eventType, headline: input.title?.trim() || '（标题）', areaDesc: area?.name ?? '', expires: null,
      };
      const matched = matchRules(defs, facts);
      const names = new Map((await this.store.departments(w.tx)).map((d) => [d.id, d.name]));
      return {
        rules: matched.map((r) => ({ id: r.id, name: r.name })),
        departments: instructionsFor(defs, facts).map((i) => ({
          departmentId: i.departmentId,
          departmentName: names.get(i.departmentId) ?? null,
          instruction: i.instruction,
          responseHours: i.responseHours,
          rules: matched.filter((r) => i.ruleIds.includes(r.id)).map((r) => r.name),
        })),
      };
    });
  }

  /** Manual, neighbour and sensor warnings are cancelled here; a CAP warning only by its issuer's Cancel. */
  cancel(actor: Actor, id: string, version: number, reason: string) {
    requirePermission(actor, 'warnings.manage');
    return this.p.run(actor, async (w) => {
      const row = await this.visible(w, actor, id, true);
      if (row.source_kind === 'cap') throw new ConflictError('a CAP warning is cancelled by its issuer’s Cancel message', 'INVALID_STATE', [{ path: 'sourceKind', message: 'cap' }]);
      if (row.state === 'cancelled') throw new ConflictError('the warning is already cancelled', 'INVALID_STATE', [{ path: 'state', message: 'current state cancelled' }]);
      if (row.version !== version) throw new ConflictError('the warning was changed by someone else; reload and try again', 'VERSION_CONFLICT', [{ path: 'body.version', message: `current version is ${row.version}` }]);
      await this.ops.cancel(w, id, reason.trim());
      await this.ops.changed(w, id);
      return detailOf(w, this.store, actor, (await this.store.warning(w.tx, id))!, w.clock.now());
    });
  }

  acknowledge(actor: Actor, id: string, responseId: string, version: number) {
    return this.p.run(actor, async (w) => {
      await this.responses.acknowledge(w, actor, id, responseId, version);
      await this.ops.changed(w, id);
      return detailOf(w, this.store, actor, (await this.store.warning(w.tx, id))!, w.clock.now());
    });
  }

  reportMeasures(actor: Actor, id: string, responseId: string, input: { version: number; measures: string; photos?: string[] }) {
    return this.p.run(actor, async (w) => {
      await this.responses.report(w, actor, id, responseId, input);
      await this.ops.changed(w, id);
      return detailOf(w, this.store, actor, (await this.store.warning(w.tx, id))!, w.clock.now());
    });
  }

  private async visible(w: Work, actor: Actor, id: string, lock = false) {
    const row = await this.store.warning(w.tx, id, lock);
    // invisible and absent look the same
    if (!row || !canViewWarning(actor, { status: row.status, departmentIds: row.department_ids })) throw new NotFoundError('warning', id);
    return row;
  }
}
