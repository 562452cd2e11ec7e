import { sql } from 'kysely';
import type { Tx } from '../../platform/work.js';
import type { FlowState, TaskState } from '../../../core/flows/index.js';

export type TemplateRow = Awaited<ReturnType<FlowStore['template']>> & {};
export type InstanceRow = NonNullable<Awaited<ReturnType<FlowStore['instance']>>>;
export type TaskRow = Awaited<ReturnType<FlowStore['tasksOf']>>[number];

export interface NewTemplate {
  tenantId: string;
  key: string;
  version: number;
  name: string;
  description: string;
  category: string;
  subjectTypes: string[];
  keywords: string[];
  definition: unknown;
  builtin: boolean;
  createdBy: string | null;
  createdAt: Date;
}

const TASK_COLUMNS = [
  't.id', 't.instance_id', 't.key', 't.rule_id', 't.name', 't.department_id', 'd.name as department_name', 't.role', 't.status', 't.due_at',
  't.outputs', 't.rejections', 't.last_rejection', 't.extension', 't.submitted_by', 'su.display_name as submitted_by_name', 't.created_at',
  't.opened_at', 't.started_at', 't.submitted_at', 't.approved_at', 't.rejected_at', 't.overdue_at', 't.done_at', 't.cancelled_at',
  't.automated', 't.version',
] as const;

/** Filters of the case list; from/to are days YYYY-MM-DD (UTC+8) of the launch, both included. */
export interface CaseListFilter {
  status?: string[];
  subjectType?: string;
  subjectId?: string;
  templateId?: string;
  /** Cases in which this department has a task. */
  departmentId?: string;
  from?: string;
  to?: string;
}

/** SQL of the flow engine's tables. */
export class FlowStore {
  latestTemplates(tx: Tx, includeInactive = false) {
    let q = tx
      .selectFrom('flow_templates as t')
      .leftJoin('users as u', 'u.id', 't.created_by')
      .selectAll('t')
      .select('u.display_name as created_by_name')
      .where('t.version', '=', (eb) =>
        eb.selectFrom('flow_templates as x').select((e) => e.fn.max('x.version').as('v')).whereRef('x.key', '=', 't.key').whereRef('x.tenant_id', '=', 't.tenant_id'),
      );
    if (!includeInactive) q = q.where('t.active', '=', true);
    return q.orderBy('t.builtin', 'desc').orderBy('t.name').execute();
  }

  /** Keys of a tenant's templates (explicit tenant: the seed runs as the owner, outside RLS). */
  async templateKeys(tx: Tx, tenantId: string): Promise<string[]> {
    const rows = await tx.selectFrom('flow_templates').select('key').distinct().where('tenant_id', '=', tenantId).execute();
    return rows.map((r) => r.key);
  }

  template(tx: Tx, id: string) {
    return tx
      .selectFrom('flow_templates as t')
      .leftJoin('users as u', 'u.id', 't.created_by')
      .selectAll('t')
      .select('u.display_name as created_by_name')
      .where('t.id', '=', id)
      .executeTakeFirst();
  }

  versions(tx: Tx, key: string) {
    return tx
      .selectFrom('flow_templates as t')
      .leftJoin('users as u', 'u.id', 't.created_by')
      .select(['t.id', 't.version', 't.created_at', 't.created_by', 'u.display_name as created_by_name'])
      .where('t.key', '=', key)
      .orderBy('t.version', 'desc')
      .execute();
  }

  async latestVersion(tx: Tx, key: string): Promise<number> {
    const r = await tx.selectFrom('flow_templates').select((e) => e.fn.max('version').as('v')).where('key', '=', key).executeTakeFirst();
    return Number(r?.v ?? 0);
  }

  /** Insert a template version; null when that key and version exist already (a concurrent save). */
  async insertTemplate(tx: Tx, t: NewTemplate): Promise<string | null> {
    const r = await tx
      .insertInto('flow_templates')
      .values({
        tenant_id: t.tenantId,
        key: t.key,
        version: t.version,
        name: t.name,
        description: t.description,
        category: t.category,
        subject_types: t.subjectTypes,
        keywords: t.keywords,
        definition: JSON.stringify(t.definition),
        builtin: t.builtin,
        created_by: t.createdBy,
        created_at: t.createdAt,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'key', 'version']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return r?.id ?? null;
  }

  departments(tx: Tx) {
    return tx.selectFrom('departments').select(['id', 'code', 'name', 'head_user_id', 'functions', 'sort']).orderBy('code').execute();
  }

  async calendar(tx: Tx) {
    return tx.selectFrom('flow_calendars').select(['calendar', 'version']).executeTakeFirst();
  }

  async saveCalendar(tx: Tx, tenantId: string, calendar: unknown, version: number, now: Date): Promise<boolean> {
    if (version === 0) {
      const r = await tx
        .insertInto('flow_calendars')
        .values({ tenant_id: tenantId, calendar: JSON.stringify(calendar), updated_at: now })
        .onConflict((oc) => oc.column('tenant_id').doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    }
    const r = await tx
      .updateTable('flow_calendars')
      .set({ calendar: JSON.stringify(calendar), version: sql`version + 1`, updated_at: now })
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Next number in a per-tenant, per-day series: XT-20261128-0001. */
  async nextCode(tx: Tx, tenantId: string, at: Date): Promise<string> {
    const day = at.toISOString().slice(0, 10).replace(/-/g, '');
    const row = await tx
      .insertInto('counters')
      .values({ tenant_id: tenantId, name: `flow:${day}`, value: 1 })
      .onConflict((oc) => oc.columns(['tenant_id', 'name']).doUpdateSet({ value: sql`counters.value + 1` }))
      .returning('value')
      .executeTakeFirstOrThrow();
    return `XT-${day}-${String(row.value).padStart(4, '0')}`;
  }

  private instanceQuery(tx: Tx) {
    return tx
      .selectFrom('flow_instances as i')
      .innerJoin('flow_templates as ft', 'ft.id', 'i.template_id')
      .leftJoin('users as iu', 'iu.id', 'i.initiator_id')
      .leftJoin('departments as idp', 'idp.id', 'i.initiator_department_id')
      .selectAll('i')
      .select([
        'ft.key as template_key',
        'ft.name as template_name',
        'ft.version as template_version',
        'ft.definition',
        'iu.display_name as initiator_name',
        'idp.name as initiator_department_name',
      ]);
  }

  /** The cases with a comment carrying this file. */
  async casesHoldingFile(tx: Tx, fileId: string): Promise<string[]> {
    const rows = await tx
      .selectFrom('flow_comments')
      .select('instance_id')
      .distinct()
      .where(sql<boolean>`files @> ARRAY[${fileId}]::uuid[]`)
      .limit(20)
      .execute();
    return rows.map((r) => r.instance_id);
  }

  instance(tx: Tx, id: string, lock = false) {
    let q = this.instanceQuery(tx).where('i.id', '=', id);
    if (lock) q = q.forUpdate('i');
    return q.executeTakeFirst();
  }

  /**
   * Cases a user may see: all (view_all), else those they launched or where their department has
   * a task. Newest first.
   */
  async listInstances(
    tx: Tx,
    f: CaseListFilter & { visibleTo?: { userId: string; departmentId: string | null } },
    limit: number,
    offset: number,
  ) {
    let q = this.instanceQuery(tx);
    if (f.status?.length) q = q.where('i.status', 'in', f.status);
    if (f.subjectType) q = q.where('i.subject_type', '=', f.subjectType);
    if (f.subjectId) q = q.where('i.subject_id', '=', f.subjectId);
    if (f.templateId) q = q.where('i.template_id', '=', f.templateId);
    if (f.departmentId) {
      const dept = f.departmentId;
      q = q.where((eb) => eb.exists(eb.selectFrom('flow_tasks as ft').select('ft.id').whereRef('ft.instance_id', '=', 'i.id').where('ft.department_id', '=', dept)));
    }
    // Days are calendar days in China Standard Time (UTC+8), like the analytics months.
    if (f.from) q = q.where('i.started_at', '>=', new Date(`${f.from}T00:00:00+08:00`));
    if (f.to) q = q.where('i.started_at', '<', new Date(new Date(`${f.to}T00:00:00+08:00`).getTime() + 86_400_000));
    if (f.visibleTo) {
      const v = f.visibleTo;
      q = q.where((eb) =>
        eb.or([
          eb('i.initiator_id', '=', v.userId),
          ...(v.departmentId
            ? [eb.exists(eb.selectFrom('flow_tasks as t').select('t.id').whereRef('t.instance_id', '=', 'i.id').where('t.department_id', '=', v.departmentId))]
            : []),
        ]),
      );
    }
    const [rows, count] = await Promise.all([
      q.orderBy('i.started_at', 'desc').orderBy('i.id').limit(limit).offset(offset).execute(),
      q.clearSelect().select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  async insertInstance(
    tx: Tx,
    i: { tenantId: string; code: string; templateId: string; title: string; subjectType: string; subjectId: string | null; initiatorId: string | null; initiatorDepartmentId: string | null; overrides: unknown; startedAt: Date },
  ): Promise<string> {
    const r = await tx
      .insertInto('flow_instances')
      .values({
        tenant_id: i.tenantId,
        code: i.code,
        template_id: i.templateId,
        title: i.title,
        subject_type: i.subjectType,
        subject_id: i.subjectId,
        initiator_id: i.initiatorId,
        initiator_department_id: i.initiatorDepartmentId,
        data: '{}',
        edge_states: '{}',
        node_states: '{}',
        fired_rules: '[]',
        overrides: JSON.stringify(i.overrides ?? {}),
        started_at: i.startedAt,
        updated_at: i.startedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  /** Write the engine's case-level state (the caller holds the row lock). */
  async saveInstanceState(tx: Tx, id: string, s: FlowState, now: Date, extra: { cancelReason?: string } = {}) {
    await tx
      .updateTable('flow_instances')
      .set({
        status: s.status,
        data: JSON.stringify(s.data),
        edge_states: JSON.stringify(s.edges),
        node_states: JSON.stringify(s.nodes),
        fired_rules: JSON.stringify(s.firedRules),
        completed_at: s.completedAt,
        cancelled_at: s.cancelledAt,
        ...(extra.cancelReason !== undefined ? { cancel_reason: extra.cancelReason } : {}),
        version: sql`version + 1`,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
  }

  tasksOf(tx: Tx, instanceIds: string[]) {
    if (!instanceIds.length) return Promise.resolve([]);
    return tx
      .selectFrom('flow_tasks as t')
      .innerJoin('departments as d', 'd.id', 't.department_id')
      .leftJoin('users as su', 'su.id', 't.submitted_by')
      .select([...TASK_COLUMNS])
      .where('t.instance_id', 'in', instanceIds)
      .orderBy('t.created_at')
      .orderBy('t.key')
      .execute();
  }

  /** Every task of the running cases among these, with what a reminder says and whom it concerns. */
  remindable(tx: Tx, instanceIds: string[]) {
    if (!instanceIds.length) return Promise.resolve([]);
    return tx
      .selectFrom('flow_tasks as t')
      .innerJoin('flow_instances as i', 'i.id', 't.instance_id')
      .innerJoin('departments as d', 'd.id', 't.department_id')
      .select(['t.id', 't.instance_id', 't.key', 't.name', 't.department_id', 'd.name as department_name', 't.role', 't.status', 't.due_at', 't.overdue_at',
        'i.code', 'i.title', 'i.initiator_id'])
      .where('t.instance_id', 'in', instanceIds)
      .where('i.status', '=', 'running')
      // in record order: the reminders' inserts then lock their cases (foreign keys) in the order
      // every batch of timers takes them (jobs/queue.ts), so two processes cannot deadlock
      .orderBy('t.instance_id')
      .orderBy('t.key')
      .execute();
  }

  /** Active members of these departments with their roles (who works which task). */
  members(tx: Tx, departmentIds: string[]) {
    if (!departmentIds.length) return Promise.resolve([]);
    return tx.selectFrom('users').select(['id', 'department_id', 'roles']).where('department_id', 'in', departmentIds).where('active', '=', true).execute();
  }

  task(tx: Tx, id: string) {
    return tx
      .selectFrom('flow_tasks as t')
      .innerJoin('departments as d', 'd.id', 't.department_id')
      .leftJoin('users as su', 'su.id', 't.submitted_by')
      .select([...TASK_COLUMNS])
      .where('t.id', '=', id)
      .executeTakeFirst();
  }

  /** Tasks of one department, or tasks waiting for one initiator's decision; open work first, earliest deadline first. */
  async listTasks(tx: Tx, f: { departmentId?: string; reviewer?: string; status?: string[] }, limit: number, offset: number) {
    let q = tx
      .selectFrom('flow_tasks as t')
      .innerJoin('departments as d', 'd.id', 't.department_id')
      .innerJoin('flow_instances as i', 'i.id', 't.instance_id')
      .innerJoin('flow_templates as ft', 'ft.id', 'i.template_id')
      .leftJoin('users as su', 'su.id', 't.submitted_by')
      .where('i.status', '!=', 'cancelled');
    if (f.departmentId) q = q.where('t.department_id', '=', f.departmentId);
    if (f.reviewer) {
      q = q
        .where('i.initiator_id', '=', f.reviewer)
        .where((eb) => eb.or([eb('t.status', '=', 'submitted'), eb.and([eb('t.extension', 'is not', null), eb('t.status', 'in', ['open', 'in_progress'])])]));
    }
    if (f.status?.length) q = q.where('t.status', 'in', f.status);
    const [rows, count] = await Promise.all([
      q
        .select([...TASK_COLUMNS, 'i.code as case_code', 'i.title as case_title', 'i.status as case_status', 'i.initiator_id', 'ft.definition'])
        .orderBy(sql`CASE WHEN t.status IN ('open','in_progress','submitted') THEN 0 ELSE 1 END`)
        .orderBy('t.due_at')
        .orderBy('t.id')
        .limit(limit)
        .offset(offset)
        .execute(),
      q.select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  async insertTask(tx: Tx, tenantId: string, instanceId: string, t: TaskState, meta: { name: string; departmentId: string; role: string | null }) {
    await tx
      .insertInto('flow_tasks')
      .values({
        tenant_id: tenantId,
        instance_id: instanceId,
        key: t.key,
        rule_id: t.ruleId,
        name: meta.name,
        department_id: meta.departmentId,
        role: meta.role,
        status: t.status,
        due_at: t.dueAt,
        created_at: t.createdAt,
        updated_at: t.createdAt,
      })
      .execute();
  }

  /** Write a task's engine state; bumps its version. */
  async saveTask(tx: Tx, instanceId: string, t: TaskState, now: Date, extra: { submittedBy?: string | null } = {}) {
    await tx
      .updateTable('flow_tasks')
      .set({
        status: t.status,
        due_at: t.dueAt,
        outputs: t.outputs ? JSON.stringify(t.outputs) : null,
        rejections: t.rejections,
        last_rejection: t.lastRejection,
        extension: t.extension ? JSON.stringify({ ...t.extension }) : null,
        opened_at: t.openedAt,
        started_at: t.startedAt,
        submitted_at: t.submittedAt,
        approved_at: t.approvedAt,
        rejected_at: t.rejectedAt,
        overdue_at: t.overdueAt,
        done_at: t.doneAt,
        cancelled_at: t.cancelledAt,
        ...(extra.submittedBy !== undefined ? { submitted_by: extra.submittedBy } : {}),
        version: sql`version + 1`,
        updated_at: now,
      })
      .where('instance_id', '=', instanceId)
      .where('key', '=', t.key)
      .execute();
  }

  async addTimeline(tx: Tx, tenantId: string, rows: { instanceId: string; taskKey: string | null; kind: string; actorId: string | null; at: Date; text: string; detail?: unknown }[]) {
    if (!rows.length) return;
    await tx
      .insertInto('flow_timeline')
      .values(
        rows.map((r) => ({
          tenant_id: tenantId,
          instance_id: r.instanceId,
          task_key: r.taskKey,
          kind: r.kind,
          actor_id: r.actorId,
          at: r.at,
          text: r.text,
          detail: JSON.stringify(r.detail ?? {}),
        })),
      )
      .execute();
  }

  timeline(tx: Tx, instanceId: string) {
    return tx
      .selectFrom('flow_timeline as l')
      .leftJoin('users as u', 'u.id', 'l.actor_id')
      .select(['l.id', 'l.task_key', 'l.kind', 'l.actor_id', 'u.display_name as actor_name', 'l.at', 'l.text', 'l.detail'])
      .where('l.instance_id', '=', instanceId)
      .orderBy('l.id')
      .execute();
  }

  async insertComment(tx: Tx, c: { tenantId: string; instanceId: string; taskKey: string | null; authorId: string; body: string; files: string[]; mentions: string[]; at: Date }) {
    const r = await tx
      .insertInto('flow_comments')
      .values({ tenant_id: c.tenantId, instance_id: c.instanceId, task_key: c.taskKey, author_id: c.authorId, body: c.body, files: c.files, mentions: c.mentions, created_at: c.at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  comments(tx: Tx, instanceId: string) {
    return tx
      .selectFrom('flow_comments as c')
      .innerJoin('users as u', 'u.id', 'c.author_id')
      .leftJoin('departments as d', 'd.id', 'u.department_id')
      .select(['c.id', 'c.task_key', 'c.author_id', 'u.display_name as author_name', 'd.name as author_department', 'c.body', 'c.files', 'c.mentions', 'c.created_at'])
      .where('c.instance_id', '=', instanceId)
      .orderBy('c.created_at')
      .orderBy('c.id')
      .execute();
  }

  usersInfo(tx: Tx, ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return tx.selectFrom('users').select(['id', 'display_name', 'department_id', 'active', 'roles']).where('id', 'in', ids).execute();
  }

  /** Users who work a task: members of its department (with the role, if the task names one). */
  async taskWorkers(tx: Tx, departmentId: string, role: string | null): Promise<string[]> {
    let q = tx.selectFrom('users').select('id').where('department_id', '=', departmentId).where('active', '=', true);
    if (role) q = q.where(sql<boolean>`${role} = ANY(roles)`);
    return (await q.execute()).map((r) => r.id);
  }

  files(tx: Tx, ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return tx.selectFrom('files').select(['id', 'mime', 'size', 'original_name', 'width', 'height', 'thumb_sha256']).where('id', 'in', ids).execute();
  }

  warningSubject(tx: Tx, id: string) {
    return tx.selectFrom('warnings').select(['id', 'identifier', 'headline']).where('id', '=', id).executeTakeFirst();
  }

  /** Running cases about one record (a step on the record's page completes their task of that kind). */
  async runningBySubject(tx: Tx, subjectType: string, subjectId: string): Promise<string[]> {
    const rows = await tx
      .selectFrom('flow_instances')
      .select('id')
      .where('subject_type', '=', subjectType)
      .where('subject_id', '=', subjectId)
      .where('status', '=', 'running')
      .orderBy('started_at')
      .execute();
    return rows.map((r) => r.id);
  }

  hazardSubject(tx: Tx, id: string) {
    return tx
      .selectFrom('hazards as h')
      .leftJoin('areas as a', 'a.id', 'h.area_id')
      .select(['h.id', 'h.code', 'h.title', 'h.description', 'h.grade', 'h.risk_level', 'h.status', 'h.department_id', 'h.reporter_id',
        'h.reporter_department_id', 'h.responsible_department_id', 'h.responsible_user_id', 'h.supervisor_id', 'a.name as area_name'])
      .where('h.id', '=', id)
      .executeTakeFirst();
  }
}
