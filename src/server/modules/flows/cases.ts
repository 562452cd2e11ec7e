import { can, requirePermission, type Actor } from '../../platform/access.js';
import type { Platform } from '../../platform/platform.js';
import type { Work } from '../../platform/work.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type ErrorDetail } from '../../platform/errors.js';
import { idempotent } from '../../platform/idempotency.js';
import { fileUrls } from '../../platform/files/routes.js';
import { NotificationService } from '../notifications/service.js';
import { canViewHazard } from '../hazards/policies.js';
import {
  ACTIVE_TASK_STATUSES,
  FlowActionError,
  taskSpec,
  type FlowAction,
  type FlowDefinition,
  type SubjectType,
} from '../../../core/flows/index.js';
import { FlowStore, type CaseListFilter, type InstanceRow, type TaskRow } from './store.js';
import { presentTemplate, TemplateService } from './templates.js';
import { actionTransition, changedTasks, contextFor, launchTransition, loadState, tenantCalendar, type Overrides, type Transition } from './engine.js';
import { canManageCase, canViewCase, canWorkTask, taskPolicies, type CaseScope } from './policies.js';
import { checkOutputs, outputFileIds } from './outputs.js';
import { FLOW_UPDATED, type FlowEventPayload } from './events.js';
import { CASE_STATUS_LABELS, shortTime, taskStepText, TASK_STATUS_LABELS } from './format.js';
import { FlowTimers, type TimerKind } from './timers.js';
import { departmentNeeded, resolveDepartment } from './departments.js';
import { STATUS_LABELS as HAZARD_STATUS_LABELS, type HazardStatus } from '../../../core/hazards/lifecycle.js';
import { enforceDuties, stepKind, type StepContext, type StepKind, type StepOutcome } from './step-kinds.js';

export interface LaunchInput {
  templateId: string;
  title: string;
  subjectType: SubjectType;
  subjectId?: string;
  data?: Record<string, unknown>;
  tasks?: Record<string, { departmentId?: string; deadlineHours?: number }>;
}

export type TaskCommand =
  | { type: 'start' }
  | { type: 'submit'; outputs: Record<string, unknown> }
  | { type: 'approve' }
  | { type: 'reject'; reason: string }
  | { type: 'requestExtension'; until: Date; reason: string }
  | { type: 'decideExtension'; approve: boolean; comment?: string };

interface Loaded {
  inst: InstanceRow;
  def: FlowDefinition;
  tasks: TaskRow[];
  scope: CaseScope;
}

/**
 * Collaboration cases (C4) on the flow engine (C5): launch from a template, every department's
 * task with its deadline and outputs, review, extensions, comments, and deadlines that chase
 * themselves. Each change locks the case row, runs the pure engine, writes tasks, timeline,
 * notifications, timers and one outbox event in the same transaction.
 */
export class CaseService {
  readonly store = new FlowStore();
  private readonly notifications: NotificationService;
  private readonly timers: FlowTimers;
  constructor(
    private readonly p: Platform,
    private readonly templates: TemplateService,
  ) {
    this.notifications = new NotificationService(p);
    this.timers = new FlowTimers();
  }

  departments(actor: Actor) {
    return this.p.run(actor, async (w) => ({ items: (await this.store.departments(w.tx)).map(({ id, code, name }) => ({ id, code, name })) }));
  }

  /** The template that fits a subject (by keywords in its text), with the case data it implies. */
  suggest(actor: Actor, subjectType: SubjectType, subjectId: string | undefined) {
    return this.p.run(actor, async (w) => {
      await this.templates.ensureBuiltins(w);
      const [templates, departments] = await Promise.all([this.store.latestTemplates(w.tx), this.store.departments(w.tx)]);
      const fitting = templates.filter((t) => t.subject_types.includes(subjectType));
      let text = '';
      let title = '';
      let facts: Record<string, unknown> = {};
      if (subjectType === 'hazard' && subjectId) {
        const h = await this.visibleHazard(w, actor, subjectId, 'query.subjectId');
        text = `${h.title} ${h.description}`;
        title = h.title;
        facts = hazardFacts(h);
      }
      const scored = fitting
        .map((t) => ({ t, score: t.keywords.filter((k) => k && text.includes(k)).length }))
        .sort((a, b) => b.score - a.score);
      const best = scored[0]?.score ? scored[0].t : null;
      const fields = best ? (best.definition as FlowDefinition).dataFields : {};
      const data = Object.fromEntries(Object.entries(facts).filter(([k]) => k in fields));
      return { template: best ? presentTemplate(best, departments) : null, title, data };
    });
  }

  launch(actor: Actor, input: LaunchInput, idempotencyKey?: string) {
    requirePermission(actor, 'flows.launch');
    return this.p.run(actor, async (w) => {
      const { body, replayed } = await idempotent(w, idempotencyKey, input, async () => {
        return this.launchInWork(w, actor, input);
      });
      return { body, replayed };
    });
  }

  /** Launch inside the caller's unit of work (the HTTP launch, or a warning's linkage rule naming a template). */
  async launchInWork(w: Work, actor: Actor, input: LaunchInput) {
    const tpl = await this.store.template(w.tx, input.templateId);
    if (!tpl || !tpl.active) throw new ValidationError('no such template', [{ path: 'body.templateId', message: 'no such active template' }]);
    const def = tpl.definition as FlowDefinition;
    const details: ErrorDetail[] = [];
    if (!tpl.subject_types.includes(input.subjectType)) {
      details.push({ path: 'body.subjectType', message: `this template is for ${tpl.subject_types.join(', ')}` });
    }
    let subjectId: string | null = null;
    if (input.subjectType === 'hazard') {
      if (!input.subjectId) details.push({ path: 'body.subjectId', message: 'required for a hazard' });
      else subjectId = (await this.visibleHazard(w, actor, input.subjectId, 'body.subjectId')).id;
    } else if (input.subjectType === 'warning') {
      if (!input.subjectId) details.push({ path: 'body.subjectId', message: 'required for a warning' });
      else if (!(await this.store.warningSubject(w.tx, input.subjectId))) details.push({ path: 'body.subjectId', message: 'no such warning' });
      else subjectId = input.subjectId;
    } else if (input.subjectType !== 'none') {
      details.push({ path: 'body.subjectType', message: 'incidents can be linked once their module exists; use "none"' });
    } else if (input.subjectId) details.push({ path: 'body.subjectId', message: 'only with a subject type' });
    const data = checkData(def, input.data ?? {}, details);
    const overrides = await this.assignments(w, def, input.tasks ?? {}, details);
    if (details.length) throw new ValidationError('the collaboration cannot be launched', details);

    const now = this.p.clock.now();
    const code = await this.store.nextCode(w.tx, w.tenantId, now);
    const id = await this.store.insertInstance(w.tx, {
      tenantId: w.tenantId, code, templateId: tpl.id, title: input.title.trim(), subjectType: input.subjectType, subjectId,
      initiatorId: actor.userId, initiatorDepartmentId: actor.departmentId, overrides, startedAt: now,
    });
    const inst = (await this.store.instance(w.tx, id, true))!;
    const { calendar } = await tenantCalendar(w, this.store);
    const transition = launchTransition(def, data, contextFor(now, overrides, calendar));
    await this.store.addTimeline(w.tx, w.tenantId, [
      { instanceId: id, taskKey: null, kind: 'launched', actorId: actor.userId, at: now, text: `${actor.displayName} 发起协同「${inst.title}」（${tpl.name} 第 ${tpl.version} 版）` },
    ]);
    w.audit({ action: 'flow.launch', entityType: 'flow_instance', entityId: id, after: { code, templateKey: tpl.key, templateVersion: tpl.version, subjectType: input.subjectType, subjectId, data, overrides } });
    await this.persist(w, actor, { inst, def, tasks: [], scope: scopeOf(inst, []) }, transition, 'launched');
    return this.present(w, actor, await this.load(w, id), false);
  }

  list(actor: Actor, f: CaseListFilter, page: number, pageSize: number) {
    return this.p.run(actor, async (w) => {
      const visibleTo = can(actor, 'flows.view_all') ? undefined : { userId: actor.userId ?? '', departmentId: actor.departmentId };
      const { rows, total } = await this.store.listInstances(w.tx, { ...f, visibleTo }, pageSize, (page - 1) * pageSize);
      const tasks = await this.store.tasksOf(w.tx, rows.map((r) => r.id));
      const items = rows.map((inst) => {
        const mine = tasks.filter((t) => t.instance_id === inst.id);
        return this.presentCase(actor, { inst, def: inst.definition as FlowDefinition, tasks: mine, scope: scopeOf(inst, mine) }, new Map());
      });
      return { items, total, page, pageSize };
    });
  }

  /** The case board. A member of a task's department looking at it marks the task opened. */
  get(actor: Actor, id: string) {
    return this.p.run(actor, async (w) => {
      let loaded = await this.visible(w, actor, id);
      const unopened = loaded.tasks.filter((t) => !t.opened_at && ACTIVE_TASK_STATUSES.includes(t.status as never) && canWorkTask(actor, taskScope(t)));
      if (unopened.length && loaded.inst.status === 'running') {
        loaded = await this.visible(w, actor, id, true);
        for (const t of unopened) await this.act(w, actor, loaded, { type: 'open', task: t.key }, 'opened');
        loaded = await this.load(w, id);
      }
      return this.present(w, actor, loaded, true);
    });
  }

  setData(actor: Actor, id: string, version: number, patch: Record<string, unknown>) {
    return this.p.run(actor, async (w) => {
      const loaded = await this.visible(w, actor, id, true);
      if (!canManageCase(actor, loaded.scope)) throw this.refuse(loaded, 'only the initiator or the safety department changes the case data');
      checkVersion(loaded.inst.version, version);
      const details: ErrorDetail[] = [];
      const data = checkData(loaded.def, patch, details, 'body.data');
      if (details.length) throw new ValidationError('the case data is not valid', details);
      await this.act(w, actor, loaded, { type: 'setData', patch: data }, 'data.changed');
      return this.present(w, actor, await this.load(w, id), false);
    });
  }

  cancel(actor: Actor, id: string, version: number, reason: string) {
    return this.p.run(actor, async (w) => {
      const loaded = await this.visible(w, actor, id, true);
      if (!canManageCase(actor, loaded.scope)) throw this.refuse(loaded, 'only the initiator or the safety department cancels a case');
      checkVersion(loaded.inst.version, version);
      await this.act(w, actor, loaded, { type: 'cancel' }, 'cancelled', { reason: reason.trim() });
      return this.present(w, actor, await this.load(w, id), false);
    });
  }

  comment(actor: Actor, id: string, input: { body: string; taskKey?: string; files?: string[]; mentions?: string[] }) {
    return this.p.run(actor, async (w) => {
      const loaded = await this.visible(w, actor, id, true);
      const details: ErrorDetail[] = [];
      if (input.taskKey && !loaded.tasks.some((t) => t.key === input.taskKey)) details.push({ path: 'body.taskKey', message: 'no such task in this case' });
      const files = [...new Set(input.files ?? [])];
      const found = new Set((await this.store.files(w.tx, files)).map((f) => f.id));
      files.forEach((f, i) => !found.has(f) && details.push({ path: `body.files.${i}`, message: 'no such file' }));
      const mentions = [...new Set(input.mentions ?? [])];
      const users = await this.store.usersInfo(w.tx, mentions);
      mentions.forEach((m, i) => !users.some((u) => u.id === m && u.active) && details.push({ path: `body.mentions.${i}`, message: 'no such active user' }));
      if (details.length) throw new ValidationError('the comment cannot be posted', details);
      const now = this.p.clock.now();
      const commentId = await this.store.insertComment(w.tx, {
        tenantId: w.tenantId, instanceId: id, taskKey: input.taskKey ?? null, authorId: actor.userId!, body: input.body.trim(), files, mentions, at: now,
      });
      await this.store.addTimeline(w.tx, w.tenantId, [
        { instanceId: id, taskKey: input.taskKey ?? null, kind: 'comment', actorId: actor.userId, at: now, text: `${actor.displayName} 评论：${input.body.trim().slice(0, 200)}`, detail: { commentId } },
      ]);
      await this.notifications.notify(w, mentions.filter((m) => m !== actor.userId), {
        kind: 'flow.comment',
        title: `${actor.displayName} 在协同中提到了您`,
        body: `${loaded.inst.code}「${loaded.inst.title}」：${input.body.trim()}`.slice(0, 500),
        link: `/flows/instances/${id}`,
        subjectType: 'flow_instance',
        subjectId: id,
        dedupeKey: `flow.comment:${commentId}`,
      });
      this.emit(w, loaded, 'comment');
      const comments = await this.store.comments(w.tx, id);
      const c = comments.find((x) => x.id === commentId)!;
      return this.presentComments(w, [c]).then((r) => r[0]);
    });
  }

  listTasks(actor: Actor, scope: 'mine' | 'review', status: string[] | undefined, page: number, pageSize: number) {
    return this.p.run(actor, async (w) => {
      if (scope === 'mine' && !actor.departmentId) return { items: [], total: 0, page, pageSize };
      const f = scope === 'mine' ? { departmentId: actor.departmentId!, status } : { reviewer: actor.userId ?? '', status };
      const { rows, total } = await this.store.listTasks(w.tx, f, pageSize, (page - 1) * pageSize);
      const items = rows.map((t) => ({
        ...this.presentTask(actor, { initiatorId: t.initiator_id, departmentIds: [], status: t.case_status }, t.definition as FlowDefinition, t, new Map()),
        case: { id: t.instance_id, code: t.case_code, title: t.case_title, status: t.case_status },
      }));
      return { items, total, page, pageSize };
    });
  }

  /** One step on a task; `version` is the task's. */
  taskAction(actor: Actor, taskId: string, version: number, cmd: TaskCommand) {
    return this.p.run(actor, async (w) => {
      const row = await this.store.task(w.tx, taskId);
      if (!row) throw new NotFoundError('flow task', taskId);
      const loaded = await this.visible(w, actor, row.instance_id, true);
      const task = loaded.tasks.find((t) => t.id === taskId)!;
      const allowed = taskPolicies(actor, loaded.scope, { ...taskScope(task), status: task.status, hasExtension: !!task.extension });
      const needs: Record<TaskCommand['type'], keyof typeof allowed> = {
        start: 'start', submit: 'submit', approve: 'approve', reject: 'reject', requestExtension: 'requestExtension', decideExtension: 'decideExtension',
      };
      if (!allowed[needs[cmd.type]]) {
        // A wrong state is a conflict; a wrong person is forbidden.
        const worker = canWorkTask(actor, taskScope(task));
        const manager = canManageCase(actor, loaded.scope) || (loaded.inst.status !== 'running' && actor.userId === loaded.inst.initiator_id);
        const byWorker = cmd.type === 'start' || cmd.type === 'submit' || cmd.type === 'requestExtension';
        if ((byWorker && worker) || (!byWorker && manager) || loaded.inst.status !== 'running') {
          throw new ConflictError(`this task is ${TASK_STATUS_LABELS[task.status] ?? task.status}; it cannot be ${cmd.type} now`, 'INVALID_STATE', [
            { path: 'status', message: `current state ${task.status}${task.extension ? ' (extension requested)' : ''}` },
          ]);
        }
        throw new ForbiddenError(byWorker ? 'only the assigned department works on this task' : 'only the initiator or the safety department decides this');
      }
      if (task.version !== version) {
        throw new ConflictError('the task was changed by someone else; reload and try again', 'VERSION_CONFLICT', [{ path: 'body.version', message: `current version is ${task.version}` }]);
      }
      let action: FlowAction;
      const extra: { reason?: string; outputs?: Record<string, unknown> } = {};
      const spec = taskSpec(loaded.def, task.key)!;
      let outcome: StepOutcome | void = undefined;
      if (cmd.type === 'approve' || cmd.type === 'reject') {
        // separation of duties (core/flows/duties.ts): never the submitter; a starter not their own department's task
        enforceDuties('review', actor, {
          parties: { submitter: [task.submitted_by], starter_own_department: actor.userId === loaded.inst.initiator_id ? [task.department_id] : [] },
        });
      }
      if (cmd.type === 'submit') {
        const checked = await checkOutputs(w.tx, this.store, spec.form, cmd.outputs);
        if (checked.details.length) throw new ValidationError('the outputs do not match the task form', checked.details);
        action = { type: 'submit', task: task.key, outputs: checked.outputs };
        // a step kind acts on its record: who may, now; and without a review its effect, in this transaction
        const step = await this.stepOf(w, actor, loaded, task, checked.outputs);
        if (step) {
          await step.kind.check(step.ctx);
          if (!spec.review) {
            outcome = await step.kind.complete(step.ctx);
            if (outcome?.sendBack) action = { type: 'sendBack', task: task.key, to: this.sendBackTarget(loaded, task.key, outcome.sendBack.kinds), reason: outcome.sendBack.reason };
            else action.data = outcome?.data;
          }
        }
      } else if (cmd.type === 'approve') {
        action = { type: 'approve', task: task.key };
        const step = await this.stepOf(w, actor, loaded, task, (task.outputs ?? {}) as Record<string, unknown>);
        if (step) {
          outcome = await step.kind.complete(step.ctx);
          action.data = outcome?.data;
        }
      } else if (cmd.type === 'reject') {
        action = { type: 'reject', task: task.key, reason: cmd.reason.trim() };
        extra.reason = cmd.reason.trim();
      } else if (cmd.type === 'requestExtension') {
        action = { type: 'requestExtension', task: task.key, until: cmd.until, reason: cmd.reason.trim() };
      } else if (cmd.type === 'decideExtension') {
        action = { type: 'decideExtension', task: task.key, approve: cmd.approve };
        extra.reason = cmd.comment?.trim();
      } else action = { type: cmd.type, task: task.key };
      if (action.type === 'sendBack') extra.reason = action.reason;
      await this.act(w, actor, loaded, action, action.type === 'sendBack' ? 'sendBack' : cmd.type, extra);
      if (outcome?.note) {
        await this.store.addTimeline(w.tx, w.tenantId, [
          { instanceId: loaded.inst.id, taskKey: task.key, kind: 'record.changed', actorId: actor.userId, at: this.p.clock.now(), text: outcome.note },
        ]);
      }
      const after = await this.load(w, loaded.inst.id);
      const files = await this.fileMap(w, after);
      return this.presentTask(actor, after.scope, after.def, after.tasks.find((t) => t.id === taskId)!, files);
    });
  }

  /**
   * Reminders that fell due, all at once (they come by the thousand after a pause): set-based
   * reads and inserts, no case lock (a reminder changes nothing in the case). A task finished,
   * already overdue or with a moved deadline gets none.
   */
  async onReminders(w: Work, payloads: { instanceId: string; key: string; dueAt: string }[]) {
    const wanted = new Map(payloads.map((p) => [`${p.instanceId}:${p.key}`, p.dueAt]));
    const rows = await this.store.remindable(w.tx, [...new Set(payloads.map((p) => p.instanceId))]);
    const due = rows.filter(
      (t) => wanted.get(`${t.instance_id}:${t.key}`) === new Date(t.due_at).toISOString() && (t.status === 'open' || t.status === 'in_progress') && !t.overdue_at,
    );
    if (!due.length) return;
    const members = await this.store.members(w.tx, [...new Set(due.map((t) => t.department_id))]);
    const now = this.p.clock.now();
    await this.store.addTimeline(
      w.tx,
      w.tenantId,
      due.map((t) => ({ instanceId: t.instance_id, taskKey: t.key, kind: 'task.reminded', actorId: null, at: now, text: `提醒 ${t.department_name}：「${t.name}」将于 ${shortTime(new Date(t.due_at))} 到期` })),
    );
    await this.notifications.notifyMany(
      w,
      due.map((t) => ({
        userIds: members.filter((m) => m.department_id === t.department_id && (!t.role || m.roles.includes(t.role) || m.roles.includes('dept_head'))).map((m) => m.id),
        n: {
          kind: 'flow.remind', title: `即将到期：${t.name}`, body: `${t.code}「${t.title}」，${shortTime(new Date(t.due_at))} 到期`, link: `/flows/instances/${t.instance_id}`,
          subjectType: 'flow_task', subjectId: t.id, dedupeKey: `flow.remind:${t.id}:${new Date(t.due_at).toISOString()}`,
        },
      })),
    );
    for (const instanceId of new Set(due.map((t) => t.instance_id))) {
      const all = rows.filter((t) => t.instance_id === instanceId);
      const payload: FlowEventPayload = { code: all[0].code, initiatorId: all[0].initiator_id, departmentIds: [...new Set(all.map((t) => t.department_id))], change: 'reminded' };
      w.emit({ type: FLOW_UPDATED, subjectType: 'flow_instance', subjectId: instanceId, payload });
    }
  }

  /** The overdue or escalation timer of a task fired (durable job): once, and only if still relevant. */
  async onTimer(w: Work, kind: Exclude<TimerKind, 'remind'>, payload: { instanceId: string; key: string; dueAt: string }) {
    const loaded = await this.loadIfExists(w, payload.instanceId, true);
    if (!loaded || loaded.inst.status !== 'running') return;
    const { inst } = loaded;
    const task = loaded.tasks.find((t) => t.key === payload.key);
    if (!task || new Date(task.due_at).toISOString() !== payload.dueAt) return; // finished, or the deadline moved
    if (task.status !== 'open' && task.status !== 'in_progress') return;
    if (kind === 'overdue') {
      await this.act(w, w.actor, loaded, { type: 'overdue', task: task.key }, 'overdue');
      return;
    }
    // Workers that fell behind may reach the escalation before the overdue notice: give it first.
    if (!task.overdue_at) await this.act(w, w.actor, loaded, { type: 'overdue', task: task.key }, 'overdue');
    const spec = taskSpec(loaded.def, task.key)!;
    const committee = await this.notifications.store.committeeMembers(w.tx);
    const hours = (spec.escalation ?? loaded.def.escalation).committeeAfterHours ?? 0;
    await this.store.addTimeline(w.tx, w.tenantId, [
      { instanceId: inst.id, taskKey: task.key, kind: 'task.escalated', actorId: null, at: this.p.clock.now(), text: `「${task.name}」逾期${hours ? ` ${hours} 小时` : ''}未完成，已升级至安全委员会` },
    ]);
    await this.notifications.notify(w, committee, {
      kind: 'flow.escalate', title: `逾期升级：${task.department_name}「${task.name}」`, body: `${inst.code}「${inst.title}」已于 ${shortTime(new Date(task.due_at))} 逾期，请督办`,
      link: `/flows/instances/${inst.id}`, subjectType: 'flow_task', subjectId: task.id, dedupeKey: `flow.escalate:${task.id}:${payload.dueAt}`,
    });
    this.emit(w, loaded, 'escalated');
  }

  // ——— step kinds: a case's steps act on the records they concern ———

  /** The step kind of a task and its context, when the case concerns a record the kind acts on. */
  private async stepOf(w: Work, actor: Actor, loaded: Loaded, task: TaskRow, outputs: Record<string, unknown>): Promise<{ kind: StepKind; ctx: StepContext } | null> {
    const kind = stepKind(this.p, taskSpec(loaded.def, task.key)?.kind);
    const { inst } = loaded;
    if (!kind || !inst.subject_id || inst.subject_type === 'none') return null;
    const subject = { type: inst.subject_type, id: inst.subject_id };
    const recordId = await kind.record(w, subject);
    if (!recordId) return null; // nothing of its kind in this case: a plain task
    const overrides = overridesOf(inst);
    const steps = [...loaded.def.nodes.flatMap((n) => (n.type === 'task' ? [n] : [])), ...loaded.def.participantRules.flatMap((r) => r.tasks)].map((n) => ({
      key: n.id, kind: n.kind ?? null, departmentId: overrides[n.id]?.departmentId ?? null,
    }));
    const ctx: StepContext = {
      w, actor, recordId, subject, caseId: inst.id, caseCode: inst.code, outputs, data: (inst.data ?? {}) as Record<string, unknown>, steps,
      task: { key: task.key, name: task.name, departmentId: task.department_id, submittedBy: task.submitted_by },
    };
    return { kind, ctx };
  }

  /** The finished step a rejection goes back to: the latest one of the given kinds before this one. */
  private sendBackTarget(loaded: Loaded, key: string, kinds: string[]): string {
    const done = loaded.tasks
      .filter((t) => t.status === 'done' && t.key !== key && !t.rule_id && kinds.includes(taskSpec(loaded.def, t.key)?.kind ?? ''))
      .sort((a, b) => new Date(b.done_at ?? 0).getTime() - new Date(a.done_at ?? 0).getTime());
    if (!done.length) throw new ConflictError('no finished step to send the work back to', 'INVALID_STATE', [{ path: 'body.outputs', message: `no finished ${kinds.join('/')} step in this case` }]);
    return done[0].key;
  }

  /**
   * A record's own page took a step (safety graded the hazard on its page): every running case about
   * that record completes its task of that kind, so the record and the case show one state.
   */
  async onRecordStep(w: Work, actor: Actor, subject: { type: string; id: string }, kind: string) {
    for (const id of await this.store.runningBySubject(w.tx, subject.type, subject.id)) {
      let loaded = await this.load(w, id, true);
      for (const t of loaded.tasks) {
        const spec = taskSpec(loaded.def, t.key);
        if (spec?.kind !== kind || !ACTIVE_TASK_STATUSES.includes(t.status as never)) continue;
        if (t.status !== 'submitted') {
          await this.act(w, actor, loaded, { type: 'submit', task: t.key, outputs: {} }, 'submit');
          loaded = await this.load(w, id, true);
        }
        if (spec.review) {
          await this.act(w, actor, loaded, { type: 'approve', task: t.key }, 'approve');
          loaded = await this.load(w, id, true);
        }
        await this.store.addTimeline(w.tx, w.tenantId, [
          { instanceId: id, taskKey: t.key, kind: 'record.changed', actorId: actor.userId, at: this.p.clock.now(), text: `${actor.displayName} 已在记录页面完成「${t.name}」` },
        ]);
      }
    }
  }

  // ——— engine plumbing ———

  private async act(w: Work, actor: Actor, loaded: Loaded, action: FlowAction, change: string, extra: { reason?: string } = {}) {
    const state = loadState(loaded.inst, loaded.tasks);
    const { calendar } = await tenantCalendar(w, this.store);
    let transition: Transition;
    try {
      transition = actionTransition(loaded.def, state, action, contextFor(this.p.clock.now(), overridesOf(loaded.inst), calendar));
    } catch (err) {
      if (err instanceof FlowActionError) throw new ConflictError(err.message, 'INVALID_STATE', [{ path: 'status', message: err.message }]);
      throw err;
    }
    if (action.type !== 'open' && action.type !== 'overdue') {
      w.audit({
        action: `flow.${action.type}`,
        entityType: 'task' in action ? 'flow_task' : 'flow_instance',
        entityId: 'task' in action ? loaded.tasks.find((t) => t.key === action.task)?.id ?? null : loaded.inst.id,
        before: 'task' in action ? auditTask(state.tasks[action.task]) : { status: state.status, data: state.data },
        after: 'task' in action ? auditTask(transition.after.tasks[action.task]) : { status: transition.after.status, data: transition.after.data },
        basis: extra.reason ?? null,
      });
    }
    await this.persist(w, actor, loaded, transition, change, extra);
  }

  /** Write the transition and act on its effects: timeline, notifications, timers, one outbox event. */
  private async persist(w: Work, actor: Actor, loaded: Loaded, t: Transition, change: string, extra: { reason?: string } = {}) {
    const { inst, def } = loaded;
    const now = this.p.clock.now();
    const overrides = overridesOf(inst);
    const onlyOpened = t.effects.every((e) => e.type === 'task.changed' && e.change === 'opened');
    if (!onlyOpened || change === 'launched') await this.store.saveInstanceState(w.tx, inst.id, t.after, now, change === 'cancelled' ? { cancelReason: extra.reason ?? '' } : {});
    const { added, changed } = changedTasks(t);
    for (const task of added) {
      const spec = taskSpec(def, task.key)!;
      await this.store.insertTask(w.tx, w.tenantId, inst.id, task, { name: spec.name, departmentId: overrides[task.key].departmentId!, role: spec.assignee.role ?? null });
    }
    for (const task of changed) {
      const submitted = t.effects.some((e) => e.type === 'task.changed' && e.task === task.key && e.change === 'submitted');
      await this.store.saveTask(w.tx, inst.id, task, now, submitted ? { submittedBy: actor.userId } : {});
    }
    const rows = await this.store.tasksOf(w.tx, [inst.id]);
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const after: Loaded = { ...loaded, tasks: rows, scope: scopeOf(inst, rows) };
    const who = actor.kind === 'system' ? '系统' : actor.displayName;
    const timeline: Parameters<FlowStore['addTimeline']>[2] = [];
    const line = (kind: string, taskKey: string | null, text: string, detail?: unknown) =>
      timeline.push({ instanceId: inst.id, taskKey, kind, actorId: actor.userId, at: now, text, detail });
    const link = `/flows/instances/${inst.id}`;
    const notify = async (users: string[], kind: string, title: string, body: string, dedupe: string, subjectId = inst.id) =>
      this.notifications.notify(w, users.filter((u) => u && u !== actor.userId), {
        kind, title, body: body.slice(0, 500), link, subjectType: subjectId === inst.id ? 'flow_instance' : 'flow_task', subjectId, dedupeKey: dedupe,
      });

    for (const e of t.effects) {
      if (e.type === 'node.skipped') {
        const n = def.nodes.find((x) => x.id === e.node);
        line('node.skipped', e.node, `「${n && 'name' in n ? n.name : e.node}」条件不满足，无需执行`);
      } else if (e.type === 'rule.fired') {
        const r = def.participantRules.find((x) => x.id === e.rule);
        line('rule.fired', null, `规则「${r?.name ?? e.rule}」触发，新增参与部门`);
      } else if (e.type === 'data.changed') {
        const titles = e.fields.map((f) => def.dataFields[f]?.title ?? f).join('、');
        line('data.changed', null, `${who} 修改案件数据：${titles}`, { data: Object.fromEntries(e.fields.map((f) => [f, t.after.data[f]])) });
      } else if (e.type === 'flow.completed') {
        line('completed', null, '全部任务完成，协同结束');
        await notify([inst.initiator_id ?? ''], 'flow.completed', `协同完成：${inst.title}`, `${inst.code} 的全部部门任务已完成`, `flow.completed:${inst.id}`);
      } else if (e.type === 'flow.cancelled') {
        line('cancelled', null, `${who} 取消协同：${extra.reason ?? ''}`);
        await w.cancelJobsByPrefix(`flow:${inst.id}:`);
      } else if (e.type === 'task.activated') {
        const row = byKey.get(e.task)!;
        const spec = taskSpec(def, e.task)!;
        line('task.activated', e.task, `${row.department_name}：「${row.name}」已派发，${shortTime(new Date(row.due_at))} 前完成`);
        await this.timers.schedule(w, inst.id, row, spec.escalation ?? def.escalation, now);
        await notify(await this.store.taskWorkers(w.tx, row.department_id, row.role), 'flow.task', `协同任务：${row.name}`,
          `${inst.code}「${inst.title}」，请于 ${shortTime(new Date(row.due_at))} 前完成`, `flow.task:${row.id}`, row.id);
      } else if (e.type === 'task.changed') {
        const row = byKey.get(e.task)!;
        const workers = () => this.store.taskWorkers(w.tx, row.department_id, row.role);
        const name = `「${row.name}」`;
        const step = (c: Parameters<typeof taskStepText>[0]) =>
          taskStepText(c, { who, department: row.department_name, task: row.name, dueAt: new Date(row.due_at), reason: extra.reason });
        switch (e.change) {
          case 'opened':
            line('task.opened', e.task, step('opened'));
            break;
          case 'started':
            line('task.started', e.task, step('started'));
            break;
          case 'submitted':
            line('task.submitted', e.task, step('submitted'), { outputs: row.outputs });
            if (row.status === 'submitted') {
              await notify([inst.initiator_id ?? ''], 'flow.review', `待审核：${row.department_name}${name}`, `${inst.code}「${inst.title}」`, `flow.review:${row.id}:${row.version}`, row.id);
            }
            break;
          case 'approved':
            line('task.approved', e.task, step('approved'));
            break;
          case 'rejected':
            line('task.rejected', e.task, step('rejected'));
            await notify(await workers(), 'flow.rejected', `被退回：${row.name}`, `${inst.code}「${inst.title}」：${extra.reason ?? ''}`, `flow.rejected:${row.id}:${row.rejections}`, row.id);
            break;
          case 'completed':
            line('task.completed', e.task, step('completed'));
            await w.cancelJobsByPrefix(`flow:${inst.id}:${row.key}:`);
            break;
          case 'overdue': {
            line('task.overdue', e.task, step('overdue'));
            const spec = taskSpec(def, e.task)!;
            const esc = spec.escalation ?? def.escalation;
            const head = esc.notifyHeadOnOverdue ? await this.notifications.store.departmentHead(w.tx, row.department_id) : null;
            await notify([...(await workers()), head ?? '', inst.initiator_id ?? ''], 'flow.overdue', `已逾期：${row.department_name}${name}`,
              `${inst.code}「${inst.title}」期限 ${shortTime(new Date(row.due_at))}，请尽快处理`, `flow.overdue:${row.id}:${new Date(row.due_at).toISOString()}`, row.id);
            break;
          }
          case 'extension_requested': {
            const ext = row.extension as { until: string; reason: string };
            line('task.extension_requested', e.task, `${who} 申请${name}延期至 ${shortTime(new Date(ext.until))}：${ext.reason}`);
            await notify([inst.initiator_id ?? ''], 'flow.extension', `延期申请：${row.department_name}${name}`, `申请延期至 ${shortTime(new Date(ext.until))}：${ext.reason}`, `flow.extension:${row.id}:${row.version}`, row.id);
            break;
          }
          case 'extension_approved':
          case 'extension_refused': {
            const ok = e.change === 'extension_approved';
            line(`task.${e.change}`, e.task, `${who} ${ok ? '同意' : '拒绝'}${name}延期${ok ? `，新期限 ${shortTime(new Date(row.due_at))}` : ''}${extra.reason ? `：${extra.reason}` : ''}`);
            if (ok) {
              await w.cancelJobsByPrefix(`flow:${inst.id}:${row.key}:`);
              await this.timers.schedule(w, inst.id, row, (taskSpec(def, e.task)!.escalation ?? def.escalation), now);
            }
            await notify(await workers(), 'flow.extension', `延期${ok ? '已同意' : '被拒绝'}：${row.name}`, `${inst.code}「${inst.title}」${ok ? `新期限 ${shortTime(new Date(row.due_at))}` : ''}`, `flow.extension-decided:${row.id}:${row.version}`, row.id);
            break;
          }
          case 'sent_back':
            line('task.sent_back', e.task, `${who} 将${name}的工作退回：${extra.reason ?? ''}`);
            await w.cancelJobsByPrefix(`flow:${inst.id}:${row.key}:`);
            break;
          case 'reopened':
            line('task.rejected', e.task, `${name}被退回重新办理：${extra.reason ?? ''}`);
            await this.timers.schedule(w, inst.id, row, taskSpec(def, e.task)!.escalation ?? def.escalation, now);
            await notify(await workers(), 'flow.rejected', `被退回：${row.name}`, `${inst.code}「${inst.title}」：${extra.reason ?? ''}`, `flow.rejected:${row.id}:${row.rejections}`, row.id);
            break;
          case 'cancelled':
            line('task.cancelled', e.task, `${name}随协同取消`);
            await notify(await workers(), 'flow.cancelled', `协同已取消：${row.name}`, `${inst.code}「${inst.title}」：${extra.reason ?? ''}`, `flow.cancelled:${row.id}`, row.id);
            break;
        }
      }
    }
    await this.store.addTimeline(w.tx, w.tenantId, timeline);
    if (t.effects.length || change === 'launched') this.emit(w, after, change);
  }

  private emit(w: Work, loaded: Loaded, change: string) {
    const payload: FlowEventPayload = { code: loaded.inst.code, initiatorId: loaded.inst.initiator_id, departmentIds: loaded.scope.departmentIds, change };
    w.emit({ type: FLOW_UPDATED, subjectType: 'flow_instance', subjectId: loaded.inst.id, payload });
  }

  /** Whether the actor may read this case (its comments' files are as visible as the case). */
  async mayRead(w: Work, actor: Actor, id: string): Promise<boolean> {
    const loaded = await this.loadIfExists(w, id);
    return !!loaded && canViewCase(actor, loaded.scope);
  }

  private async load(w: Work, id: string, lock = false): Promise<Loaded> {
    const loaded = await this.loadIfExists(w, id, lock);
    if (!loaded) throw new NotFoundError('collaboration case', id);
    return loaded;
  }

  private async loadIfExists(w: Work, id: string, lock = false): Promise<Loaded | null> {
    const inst = await this.store.instance(w.tx, id, lock);
    if (!inst) return null;
    const tasks = await this.store.tasksOf(w.tx, [id]);
    return { inst, def: inst.definition as FlowDefinition, tasks, scope: scopeOf(inst, tasks) };
  }

  private async visible(w: Work, actor: Actor, id: string, lock = false): Promise<Loaded> {
    const loaded = await this.load(w, id, lock);
    if (!canViewCase(actor, loaded.scope)) throw new NotFoundError('collaboration case', id); // invisible and absent look the same
    return loaded;
  }

  private refuse(loaded: Loaded, message: string) {
    if (loaded.inst.status !== 'running') return new ConflictError(`the case is ${CASE_STATUS_LABELS[loaded.inst.status]}`, 'INVALID_STATE', [{ path: 'status', message: `current state ${loaded.inst.status}` }]);
    return new ForbiddenError(message);
  }

  private async visibleHazard(w: Work, actor: Actor, id: string, path: string) {
    const h = await this.store.hazardSubject(w.tx, id);
    const scope = h && {
      status: h.status, reporterId: h.reporter_id, departmentId: h.department_id, reporterDepartmentId: h.reporter_department_id,
      responsibleDepartmentId: h.responsible_department_id, responsibleUserId: h.responsible_user_id, supervisorId: h.supervisor_id, grade: h.grade,
    };
    if (!h || !scope || !canViewHazard(actor, scope)) throw new ValidationError('no such hazard', [{ path, message: 'no such hazard' }]);
    return h;
  }

  /** Which department does each task (template code, or the initiator's choice); every task must have one. */
  private async assignments(w: Work, def: FlowDefinition, input: NonNullable<LaunchInput['tasks']>, details: ErrorDetail[]): Promise<Overrides> {
    const departments = await this.store.departments(w.tx);
    const ids = new Set(departments.map((d) => d.id));
    const specs = [...def.nodes.filter((n) => n.type === 'task'), ...def.participantRules.flatMap((r) => r.tasks)];
    const keys = new Set(specs.map((s) => s.id));
    for (const k of Object.keys(input)) if (!keys.has(k)) details.push({ path: `body.tasks.${k}`, message: 'no such task in this template' });
    const out: Overrides = {};
    for (const s of specs) {
      const o = input[s.id] ?? {};
      if (o.departmentId && !ids.has(o.departmentId)) details.push({ path: `body.tasks.${s.id}.departmentId`, message: 'no such department' });
      // found by the function the template names (departments.ts), never only by a customer's code
      const departmentId = o.departmentId ?? resolveDepartment(departments, s.assignee.departmentCode)?.id;
      if (!departmentId) details.push({ path: `body.tasks.${s.id}.departmentId`, message: `${departmentNeeded(s.assignee.departmentCode)}：请为「${s.name}」选择承办部门` });
      out[s.id] = { departmentId, ...(o.deadlineHours ? { deadlineHours: o.deadlineHours } : {}) };
    }
    return out;
  }

  // ——— presenting ———

  private async fileMap(w: Work, loaded: Loaded) {
    const ids = loaded.tasks.flatMap((t) => outputFileIds(taskSpec(loaded.def, t.key)?.form ?? emptyForm, t.outputs as Record<string, unknown> | null));
    const found = await this.store.files(w.tx, [...new Set(ids)]);
    return new Map(found.map((f) => [f.id, { id: f.id, mime: f.mime, name: f.original_name, ...fileUrls(f.id, !!f.thumb_sha256) }]));
  }

  private async present(w: Work, actor: Actor, loaded: Loaded, board: boolean) {
    const files = await this.fileMap(w, loaded);
    const base = this.presentCase(actor, loaded, files);
    const subject = await this.subjectOf(w, loaded.inst);
    if (!board) return { ...base, subject };
    const [timeline, comments] = await Promise.all([this.store.timeline(w.tx, loaded.inst.id), this.store.comments(w.tx, loaded.inst.id)]);
    return {
      ...base,
      subject,
      definition: loaded.def,
      nodeStates: loaded.inst.node_states,
      edgeStates: loaded.inst.edge_states,
      timeline: timeline.map((l) => ({
        id: String(l.id), at: new Date(l.at).toISOString(), kind: l.kind, taskKey: l.task_key,
        actor: l.actor_id ? { id: l.actor_id, displayName: l.actor_name ?? '' } : null, text: l.text, detail: l.detail,
      })),
      comments: await this.presentComments(w, comments),
    };
  }

  private async subjectOf(w: Work, inst: InstanceRow) {
    if (inst.subject_type === 'warning' && inst.subject_id) {
      const warning = await this.store.warningSubject(w.tx, inst.subject_id);
      return warning ? { type: 'warning', id: warning.id, code: warning.identifier, title: warning.headline, link: `/warnings/${warning.id}` } : null;
    }
    if (inst.subject_type !== 'hazard' || !inst.subject_id) return null;
    const h = await this.store.hazardSubject(w.tx, inst.subject_id);
    // the record's own state, shown on the board: one state, because there is one
    const statusLabel = h ? `${HAZARD_STATUS_LABELS[h.status as HazardStatus] ?? h.status} · ${h.grade ? (h.grade === 'major' ? '重大隐患' : '一般隐患') : '未定级'}` : '';
    return h ? { type: 'hazard', id: h.id, code: h.code, title: h.title, link: `/hazards/${h.id}`, status: h.status, statusLabel } : null;
  }

  private async presentComments(w: Work, rows: Awaited<ReturnType<FlowStore['comments']>>) {
    const fileIds = [...new Set(rows.flatMap((c) => c.files))];
    const userIds = [...new Set(rows.flatMap((c) => c.mentions))];
    const [files, users] = await Promise.all([this.store.files(w.tx, fileIds), this.store.usersInfo(w.tx, userIds)]);
    return rows.map((c) => ({
      id: c.id,
      at: new Date(c.created_at).toISOString(),
      taskKey: c.task_key,
      author: { id: c.author_id, displayName: c.author_name, departmentName: c.author_department },
      body: c.body,
      files: c.files.flatMap((id) => {
        const f = files.find((x) => x.id === id);
        return f ? [{ id: f.id, mime: f.mime, name: f.original_name, ...fileUrls(f.id, !!f.thumb_sha256) }] : [];
      }),
      mentions: c.mentions.flatMap((id) => {
        const u = users.find((x) => x.id === id);
        return u ? [{ id: u.id, displayName: u.display_name }] : [];
      }),
    }));
  }

  private presentCase(actor: Actor, loaded: Loaded, files: Map<string, unknown>) {
    const { inst, def, tasks, scope } = loaded;
    const now = this.p.clock.now().getTime();
    const presented = tasks.map((t) => this.presentTask(actor, scope, def, t, files));
    const counted = presented.filter((t) => t.status !== 'cancelled');
    return {
      id: inst.id,
      code: inst.code,
      title: inst.title,
      status: inst.status,
      statusLabel: CASE_STATUS_LABELS[inst.status] ?? inst.status,
      template: { id: inst.template_id, key: inst.template_key, name: inst.template_name, version: inst.template_version },
      subject: null as null | { type: string; id: string; code: string; title: string; link: string; status?: string; statusLabel?: string },
      initiator: inst.initiator_id ? { id: inst.initiator_id, displayName: inst.initiator_name ?? '', departmentName: inst.initiator_department_name } : null,
      data: inst.data,
      startedAt: new Date(inst.started_at).toISOString(),
      completedAt: inst.completed_at ? new Date(inst.completed_at).toISOString() : null,
      cancelledAt: inst.cancelled_at ? new Date(inst.cancelled_at).toISOString() : null,
      cancelReason: inst.cancel_reason,
      version: inst.version,
      progress: {
        done: counted.filter((t) => t.status === 'done').length,
        total: counted.length,
        overdue: counted.filter((t) => t.overdue || (t.status !== 'done' && new Date(t.dueAt).getTime() < now && inst.status === 'running')).length,
      },
      tasks: presented,
      can: { cancel: canManageCase(actor, scope), editData: canManageCase(actor, scope) && Object.keys(def.dataFields).length > 0, comment: inst.status === 'running' || canViewCase(actor, scope) },
    };
  }

  private presentTask(actor: Actor, scope: CaseScope, def: FlowDefinition, t: TaskRow, files: Map<string, unknown>) {
    const spec = taskSpec(def, t.key);
    const form = spec?.form ?? emptyForm;
    const now = this.p.clock.now().getTime();
    const active = t.status === 'open' || t.status === 'in_progress';
    const ts = (v: Date | string | null) => (v ? new Date(v).toISOString() : null);
    const ext = t.extension as { until: string; reason: string; requestedAt: string } | null;
    return {
      id: t.id,
      caseId: t.instance_id,
      key: t.key,
      name: t.name,
      description: spec?.description ?? null,
      /** A step kind acts on the case's record when completed (e.g. hazard.assess grades the hazard). */
      kind: spec?.kind ?? null,
      kindName: stepKind(this.p, spec?.kind)?.name ?? null,
      ruleId: t.rule_id,
      ruleName: t.rule_id ? (def.participantRules.find((r) => r.id === t.rule_id)?.name ?? null) : null,
      department: { id: t.department_id, name: t.department_name },
      role: t.role,
      status: t.status,
      statusLabel: TASK_STATUS_LABELS[t.status] ?? t.status,
      dueAt: new Date(t.due_at).toISOString(),
      overdue: active && (!!t.overdue_at || new Date(t.due_at).getTime() < now),
      overdueAt: ts(t.overdue_at),
      form,
      review: spec?.review ?? false,
      outputs: t.outputs,
      files: Object.fromEntries(outputFileIds(form, t.outputs as Record<string, unknown> | null).flatMap((id) => (files.has(id) ? [[id, files.get(id)]] : []))),
      rejections: t.rejections,
      lastRejection: t.last_rejection,
      extension: ext ? { until: ext.until, reason: ext.reason, requestedAt: ext.requestedAt } : null,
      timestamps: {
        createdAt: ts(t.created_at), openedAt: ts(t.opened_at), startedAt: ts(t.started_at), submittedAt: ts(t.submitted_at), approvedAt: ts(t.approved_at),
        rejectedAt: ts(t.rejected_at), overdueAt: ts(t.overdue_at), doneAt: ts(t.done_at), cancelledAt: ts(t.cancelled_at),
      },
      submittedBy: t.submitted_by ? { id: t.submitted_by, displayName: t.submitted_by_name ?? '' } : null,
      version: t.version,
      can: taskPolicies(actor, scope, { ...taskScope(t), status: t.status, hasExtension: !!t.extension }),
    };
  }
}

const emptyForm = { type: 'object' as const, properties: {}, required: [], additionalProperties: false as const };

function scopeOf(inst: InstanceRow, tasks: TaskRow[]): CaseScope {
  return { initiatorId: inst.initiator_id, departmentIds: [...new Set(tasks.map((t) => t.department_id))], status: inst.status };
}

function taskScope(t: TaskRow) {
  return { departmentId: t.department_id, role: t.role };
}

function overridesOf(inst: InstanceRow): Overrides {
  return (inst.overrides ?? {}) as Overrides;
}

function checkVersion(current: number, sent: number) {
  if (current !== sent) throw new ConflictError('the case was changed by someone else; reload and try again', 'VERSION_CONFLICT', [{ path: 'body.version', message: `current version is ${current}` }]);
}

/** Case data must match the template's declared fields (type and allowed values). */
function checkData(def: FlowDefinition, data: Record<string, unknown>, details: ErrorDetail[], path = 'body.data'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    const f = def.dataFields[k];
    if (!f) {
      details.push({ path: `${path}.${k}`, message: 'not a field of this template' });
      continue;
    }
    if (typeof v !== f.type || (f.type === 'number' && !Number.isFinite(v))) details.push({ path: `${path}.${k}`, message: `expected ${f.type}` });
    else if (f.enum && !f.enum.includes(v as string | number)) details.push({ path: `${path}.${k}`, message: `one of ${f.enum.join(', ')}` });
    else out[k] = typeof v === 'string' ? v.trim() : v;
  }
  return out;
}

/**
 * What a hazard tells a case: its grade, its risk level as a number (低 1 … 重大 4), and a measured
 * concentration written in its text ("粉尘浓度 12 mg/m³").
 */
function hazardFacts(h: { grade: string | null; risk_level: string | null; title: string; description: string }): Record<string, unknown> {
  const levels: Record<string, number> = { 低风险: 1, 一般风险: 2, 较大风险: 3, 重大风险: 4 };
  const facts: Record<string, unknown> = {};
  if (h.grade) facts.grade = h.grade;
  if (h.risk_level && levels[h.risk_level]) facts.level = levels[h.risk_level];
  const measured = /(\d+(?:\.\d+)?)\s*mg\s*\/\s*m(?:³|3)/i.exec(`${h.title} ${h.description}`);
  if (measured) facts.concentration = Number(measured[1]);
  return facts;
}

function auditTask(t: { status: string; dueAt: Date; outputs: unknown; extension: unknown; rejections: number } | undefined) {
  return t ? { status: t.status, dueAt: t.dueAt.toISOString(), outputs: t.outputs, extension: t.extension, rejections: t.rejections } : null;
}
