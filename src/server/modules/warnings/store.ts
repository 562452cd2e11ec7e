import { sql, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/work.js';
import type { WarningResponsesTable, WarningRulesTable, WarningSourcesTable, WarningsTable } from '../../platform/db/schema-warnings.js';

export type WarningRow = Selectable<WarningsTable>;
export type ResponseRow = Selectable<WarningResponsesTable> & { department_name: string; acknowledged_by_name: string | null; reported_by_name: string | null };
export type RuleRow = Selectable<WarningRulesTable>;
export type SourceRow = Selectable<WarningSourcesTable>;

export interface WarningFilter {
  state?: 'active' | 'cancelled' | 'closed' | 'expired';
  sourceKind?: string;
  status?: string;
  /** Sent at or after `from` and before `to` (the history's period filter). */
  from?: Date;
  to?: Date;
  /** Not a view-all user: actual warnings, and others only when they name this department. */
  visibleTo?: { departmentId: string | null };
  now: Date;
}

/** All SQL of the warnings module. Everything runs inside the caller's unit of work (RLS: one tenant). */
export class WarningStore {
  // ——— sources ———

  /** Before the tenant is known: the source an API key belongs to (SECURITY DEFINER lookup). */
  async sourceByKeyHash(db: Kysely<DB>, hash: string) {
    const r = await sql<{ tenant_id: string; source_id: string; enabled: boolean }>`SELECT * FROM warnings_source_by_key(${hash})`.execute(db);
    return r.rows[0];
  }

  sources(tx: Tx) {
    return tx.selectFrom('warning_sources').selectAll().orderBy('created_at').orderBy('id').execute();
  }

  source(tx: Tx, id: string, lock = false) {
    let q = tx.selectFrom('warning_sources').selectAll().where('id', '=', id);
    if (lock) q = q.forUpdate();
    return q.executeTakeFirst();
  }

  async insertSource(tx: Tx, v: { tenantId: string; kind: string; name: string; allowlist: string[]; feedUrl: string | null; pollSeconds: number; enabled: boolean; keyHash?: string | null; keyPrefix?: string | null; now: Date }) {
    const r = await tx
      .insertInto('warning_sources')
      .values({
        tenant_id: v.tenantId, kind: v.kind, name: v.name, sender_allowlist: v.allowlist, feed_url: v.feedUrl, poll_seconds: v.pollSeconds,
        enabled: v.enabled, key_hash: v.keyHash ?? null, key_prefix: v.keyPrefix ?? null, key_issued_at: v.keyHash ? v.now : null, created_at: v.now, updated_at: v.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  async updateSource(tx: Tx, id: string, version: number, patch: Updateable<WarningSourcesTable>, now: Date): Promise<boolean> {
    const r = await tx
      .updateTable('warning_sources')
      .set({ ...patch, updated_at: now, version: sql`version + 1` })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** A recurring job marks itself done before it schedules its successor under the same singleton key. */
  async finishJob(tx: Tx, jobId: string, at: Date) {
    await tx.updateTable('jobs').set({ state: 'done', finished_at: at }).where('id', '=', jobId).execute();
  }

  async setPollResult(tx: Tx, id: string, at: Date, error: string | null) {
    await tx.updateTable('warning_sources').set({ last_polled_at: at, last_poll_error: error }).where('id', '=', id).execute();
  }

  // ——— warnings ———

  /** The warnings showing this file, directly or in a department's answer (measures photos). */
  warningsHoldingFile(tx: Tx, fileId: string) {
    return tx
      .selectFrom('warnings')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb(sql`photos`, '@>', sql`ARRAY[${fileId}]::uuid[]`),
          eb('id', 'in', eb.selectFrom('warning_responses').select('warning_id').where(sql<boolean>`photos @> ARRAY[${fileId}]::uuid[]`)),
        ]),
      )
      .limit(20)
      .execute();
  }

  warning(tx: Tx, id: string, lock = false) {
    let q = tx.selectFrom('warnings').selectAll().where('id', '=', id);
    if (lock) q = q.forUpdate();
    return q.executeTakeFirst();
  }

  warningByIdentifier(tx: Tx, identifier: string, lock = false) {
    let q = tx.selectFrom('warnings').selectAll().where('identifier', '=', identifier);
    if (lock) q = q.forUpdate();
    return q.executeTakeFirst();
  }

  async insertWarning(tx: Tx, v: Omit<InsertWarning, 'created_at' | 'updated_at'> & { now: Date }) {
    const { now, ...rest } = v;
    const r = await tx
      .insertInto('warnings')
      .values({ ...rest, created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(['tenant_id', 'identifier']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return r?.id ?? null;
  }

  /** Every change of a warning bumps its version (the web compares it before cancelling). */
  async updateWarning(tx: Tx, id: string, patch: Updateable<WarningsTable>, now: Date) {
    await tx
      .updateTable('warnings')
      .set({ ...patch, updated_at: now, version: sql`version + 1` })
      .where('id', '=', id)
      .execute();
  }

  async listWarnings(tx: Tx, f: WarningFilter, limit: number, offset: number) {
    let q = tx.selectFrom('warnings');
    if (f.sourceKind) q = q.where('source_kind', '=', f.sourceKind);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.from) q = q.where('sent_at', '>=', f.from);
    if (f.to) q = q.where('sent_at', '<', f.to);
    if (f.state === 'expired') q = q.where('state', '=', 'active').where('expires', '<=', f.now);
    else if (f.state === 'active') q = q.where('state', '=', 'active').where((eb) => eb.or([eb('expires', 'is', null), eb('expires', '>', f.now)]));
    else if (f.state) q = q.where('state', '=', f.state);
    if (f.visibleTo) {
      const dept = f.visibleTo.departmentId;
      q = q.where((eb) =>
        eb.or([eb('status', '=', 'Actual'), ...(dept ? [eb(sql.val(dept), '=', eb.fn.any('department_ids'))] : [])]),
      );
    }
    const [rows, total] = await Promise.all([
      q.selectAll().orderBy('sent_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
      q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(total.n) };
  }

  async nextIdentifier(tx: Tx, tenantId: string, prefix: string, at: Date): Promise<string> {
    const day = at.toISOString().slice(0, 10).replace(/-/g, '');
    const row = await tx
      .insertInto('counters')
      .values({ tenant_id: tenantId, name: `warning:${prefix}:${day}`, value: 1 })
      .onConflict((oc) => oc.columns(['tenant_id', 'name']).doUpdateSet({ value: sql`counters.value + 1` }))
      .returning('value')
      .executeTakeFirstOrThrow();
    return `${prefix}-${day}-${String(row.value).padStart(4, '0')}`;
  }

  // ——— messages and quarantine ———

  /** Record a received message; null when the same (sender, identifier) was received before. */
  async insertMessage(tx: Tx, v: { tenantId: string; warningId: string | null; sourceId: string | null; sender: string; identifier: string; msgType: string; status: string; sentAt: Date; receivedAt: Date; raw: string }) {
    const r = await tx
      .insertInto('warning_messages')
      .values({
        tenant_id: v.tenantId, warning_id: v.warningId, source_id: v.sourceId, sender: v.sender, identifier: v.identifier,
        msg_type: v.msgType, status: v.status, sent_at: v.sentAt, received_at: v.receivedAt, raw: v.raw,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'sender', 'identifier']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return r?.id ?? null;
  }

  async attachMessage(tx: Tx, messageId: string, warningId: string) {
    await tx.updateTable('warning_messages').set({ warning_id: warningId }).where('id', '=', messageId).execute();
  }

  message(tx: Tx, sender: string, identifier: string) {
    return tx.selectFrom('warning_messages').select(['id', 'warning_id']).where('sender', '=', sender).where('identifier', '=', identifier).executeTakeFirst();
  }

  /** The warning an Update or Cancel refers to: any referenced message we hold (by sender and identifier). */
  async warningReferenced(tx: Tx, refs: { sender: string; identifier: string }[]) {
    if (!refs.length) return undefined;
    return tx
      .selectFrom('warning_messages')
      .select('warning_id')
      .where('warning_id', 'is not', null)
      .where((eb) => eb.or(refs.map((r) => eb.and([eb('sender', '=', r.sender), eb('identifier', '=', r.identifier)]))))
      .orderBy('received_at', 'desc')
      .executeTakeFirst();
  }

  messagesOf(tx: Tx, warningId: string) {
    return tx
      .selectFrom('warning_messages')
      .select(['identifier', 'sender', 'msg_type', 'status', 'sent_at', 'received_at'])
      .where('warning_id', '=', warningId)
      .orderBy('received_at')
      .orderBy('id')
      .execute();
  }

  async insertQuarantine(tx: Tx, v: { tenantId: string; sourceId: string | null; reason: string; message: string; details: unknown; raw: string; sender: string | null; identifier: string | null; receivedAt: Date }) {
    const r = await tx
      .insertInto('warning_quarantine')
      .values({
        tenant_id: v.tenantId, source_id: v.sourceId, reason: v.reason, message: noNul(v.message.slice(0, 1000)), details: JSON.stringify(v.details ?? []).replace(/\\u0000/g, '\\ufffd'),
        raw: noNul(v.raw.slice(0, 65_536)), sender: v.sender && noNul(v.sender), identifier: v.identifier && noNul(v.identifier), received_at: v.receivedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  async quarantine(tx: Tx, limit: number, offset: number) {
    const q = tx.selectFrom('warning_quarantine as q').leftJoin('warning_sources as s', 's.id', 'q.source_id');
    const [rows, total] = await Promise.all([
      q.selectAll('q').select('s.name as source_name').orderBy('q.received_at', 'desc').orderBy('q.id').limit(limit).offset(offset).execute(),
      q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(total.n) };
  }

  // ——— rules ———

  rules(tx: Tx, enabledOnly = false) {
    let q = tx.selectFrom('warning_rules').selectAll();
    if (enabledOnly) q = q.where('enabled', '=', true);
    return q.orderBy('created_at').orderBy('id').execute();
  }

  rule(tx: Tx, id: string, lock = false) {
    let q = tx.selectFrom('warning_rules').selectAll().where('id', '=', id);
    if (lock) q = q.forUpdate();
    return q.executeTakeFirst();
  }

  async insertRule(tx: Tx, tenantId: string, v: RuleValues, now: Date) {
    const r = await tx
      .insertInto('warning_rules')
      .values({ tenant_id: tenantId, ...ruleColumns(v), created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  async updateRule(tx: Tx, id: string, version: number, v: RuleValues, now: Date) {
    const r = await tx
      .updateTable('warning_rules')
      .set({ ...ruleColumns(v), updated_at: now, version: sql`version + 1` })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async deleteRule(tx: Tx, id: string) {
    await tx.deleteFrom('warning_rules').where('id', '=', id).execute();
  }

  flowTemplateKeys(tx: Tx) {
    return tx.selectFrom('flow_templates').select(['key', 'subject_types']).distinct().where('active', '=', true).execute();
  }

  // ——— responses ———

  private responseQuery(tx: Tx) {
    return tx
      .selectFrom('warning_responses as r')
      .innerJoin('departments as d', 'd.id', 'r.department_id')
      .leftJoin('users as au', 'au.id', 'r.acknowledged_by')
      .leftJoin('users as ru', 'ru.id', 'r.reported_by')
      .selectAll('r')
      .select(['d.name as department_name', 'au.display_name as acknowledged_by_name', 'ru.display_name as reported_by_name']);
  }

  responsesOf(tx: Tx, warningIds: string[]): Promise<ResponseRow[]> {
    if (!warningIds.length) return Promise.resolve([]);
    return this.responseQuery(tx).where('r.warning_id', 'in', warningIds).orderBy('d.sort').orderBy('r.instructed_at').execute();
  }

  response(tx: Tx, id: string): Promise<ResponseRow | undefined> {
    return this.responseQuery(tx).where('r.id', '=', id).executeTakeFirst();
  }

  async insertResponse(tx: Tx, v: { tenantId: string; warningId: string; departmentId: string; instruction: string; ruleIds: string[]; dueAt: Date; escalateAfterHours: number; now: Date }) {
    const r = await tx
      .insertInto('warning_responses')
      .values({
        tenant_id: v.tenantId, warning_id: v.warningId, department_id: v.departmentId, instruction: v.instruction, rule_ids: v.ruleIds,
        state: 'instructed', instructed_at: v.now, due_at: v.dueAt, escalate_after_hours: v.escalateAfterHours, updated_at: v.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  /** With the version the caller read (undefined: a timer or the service itself, no check). */
  async updateResponse(tx: Tx, id: string, version: number | undefined, patch: Updateable<WarningResponsesTable>, now: Date): Promise<boolean> {
    let q = tx
      .updateTable('warning_responses')
      .set({ ...patch, updated_at: now, version: sql`version + 1` })
      .where('id', '=', id);
    if (version !== undefined) q = q.where('version', '=', version);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  // ——— people and reference data ———

  departments(tx: Tx) {
    return tx.selectFrom('departments').select(['id', 'code', 'name', 'head_user_id', 'kind', 'functions', 'sort']).orderBy('sort').execute();
  }

  /** Active members of the departments (head, staff, workers). */
  members(tx: Tx, departmentIds: string[]) {
    if (!departmentIds.length) return Promise.resolve([]);
    return tx.selectFrom('users').select(['id', 'department_id', 'roles']).where('department_id', 'in', departmentIds).where('active', '=', true).execute();
  }

  area(tx: Tx, id: string) {
    return tx.selectFrom('areas').select(['id', 'name', 'department_id']).where('id', '=', id).executeTakeFirst();
  }

  areas(tx: Tx, ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return tx.selectFrom('areas').select(['id', 'name', 'department_id']).where('id', 'in', ids).execute();
  }

  equipment(tx: Tx, id: string) {
    return tx.selectFrom('equipment').select(['id', 'name', 'area_id', 'department_id']).where('id', '=', id).executeTakeFirst();
  }

  files(tx: Tx, ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return tx.selectFrom('files').select(['id', 'mime', 'original_name', 'thumb_sha256']).where('id', 'in', ids).execute();
  }
}

/**
 * A new warning's columns: all that receiving a warning must set. The rest (state, loop, rules
 * matched, links, closing times) start at their defaults and are set later.
 */
export type InsertWarning = Omit<
  Selectable<WarningsTable>,
  | 'id' | 'state' | 'loop' | 'matched_rules' | 'department_ids' | 'chosen_department_ids' | 'color_rises' | 'hazard_id' | 'flow_instance_id'
  | 'cleared_at' | 'closed_at' | 'cancelled_at' | 'cancel_reason' | 'version' | 'references'
> & { references: string /* JSON text */; chosen_department_ids?: string[] };

/** PostgreSQL text cannot hold NUL; a refused message is kept with it replaced. */
const noNul = (s: string) => s.replace(/\u0000/g, '\ufffd');

export interface RuleValues {
  name: string;
  enabled: boolean;
  sourceKinds: string[];
  eventTypes: string[];
  minColor: string;
  areaIds: string[];
  instruct: { departmentId: string; instruction: string }[];
  responseHours: number;
  escalateAfterHours: number;
  raiseHazard: boolean;
  flowTemplateKey: string | null;
}

function ruleColumns(v: RuleValues) {
  return {
    name: v.name, enabled: v.enabled, source_kinds: v.sourceKinds, event_types: v.eventTypes, min_color: v.minColor, area_ids: v.areaIds,
    instruct: JSON.stringify(v.instruct), response_hours: v.responseHours, escalate_after_hours: v.escalateAfterHours,
    raise_hazard: v.raiseHazard, flow_template_key: v.flowTemplateKey,
  };
}
