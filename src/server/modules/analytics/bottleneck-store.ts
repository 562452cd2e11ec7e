import { sql } from 'kysely';
import type { Tx } from '../../platform/work.js';
import { monthsBetween, type Month } from '../../../core/analytics/index.js';

/** A month as the rollups store it: its first day. */
const day = (m: Month) => `${m}-01`;
const num = (v: unknown) => Number(v ?? 0);

export interface MonthRangeArg {
  from: Month;
  to: Month;
}

/**
 * SQL of bottleneck analysis and department scores. Reads only the monthly rollups (summed over
 * the months of the period) and the small reference tables — never the source history.
 */
export class BottleneckStore {
  /**
   * Step durations merged over the period: one row per process, step and bucket. templateId:
   * undefined = every process, null = the hazard loop only, a uuid = that template only.
   */
  async durations(tx: Tx, r: MonthRangeArg, templateId?: string | null) {
    let q = tx
      .selectFrom('analytics_duration_monthly')
      .select(['template_id', 'step', 'bucket'])
      .select((e) => [e.fn.sum<string>('n').as('n'), e.fn.sum<string>('minutes').as('minutes')])
      .where(sql<boolean>`month BETWEEN ${day(r.from)}::date AND ${day(r.to)}::date`);
    if (templateId === null) q = q.where('template_id', 'is', null);
    else if (templateId) q = q.where('template_id', '=', templateId);
    const rows = await q.groupBy(['template_id', 'step', 'bucket']).execute();
    return rows.map((x) => ({ templateId: x.template_id, step: x.step, bucket: Number(x.bucket), n: num(x.n), minutes: num(x.minutes) }));
  }

  /** Collaboration tasks summed per template, task key and department. */
  async tasks(tx: Tx, r: MonthRangeArg, templateId?: string) {
    let q = tx
      .selectFrom('analytics_task_monthly')
      .select(['template_id', 'task_key', 'department_id'])
      .select((e) => [
        e.fn.max('task_name').as('task_name'),
        e.fn.sum<string>('tasks').as('tasks'),
        e.fn.sum<string>('cancelled').as('cancelled'),
        e.fn.sum<string>('responded').as('responded'),
        e.fn.sum<string>('response_minutes').as('response_minutes'),
        e.fn.sum<string>('done').as('done'),
        e.fn.sum<string>('done_minutes').as('done_minutes'),
        e.fn.sum<string>('first_pass').as('first_pass'),
        e.fn.sum<string>('reworked').as('reworked'),
        e.fn.sum<string>('overdue').as('overdue'),
      ])
      .where(sql<boolean>`month BETWEEN ${day(r.from)}::date AND ${day(r.to)}::date`);
    if (templateId) q = q.where('template_id', '=', templateId);
    const rows = await q.groupBy(['template_id', 'task_key', 'department_id']).execute();
    return rows.map((x) => ({
      templateId: x.template_id,
      taskKey: x.task_key,
      taskName: String(x.task_name),
      departmentId: x.department_id,
      tasks: num(x.tasks),
      cancelled: num(x.cancelled),
      responded: num(x.responded),
      responseMinutes: num(x.response_minutes),
      done: num(x.done),
      doneMinutes: num(x.done_minutes),
      firstPass: num(x.first_pass),
      reworked: num(x.reworked),
      overdue: num(x.overdue),
    }));
  }

  /** Cases launched in the period per template. */
  async cases(tx: Tx, r: MonthRangeArg, templateId?: string) {
    let q = tx
      .selectFrom('analytics_case_monthly')
      .select('template_id')
      .select((e) => [e.fn.sum<string>('cases').as('cases'), e.fn.sum<string>('completed').as('completed'), e.fn.sum<string>('cycle_minutes').as('cycle_minutes')])
      .where(sql<boolean>`month BETWEEN ${day(r.from)}::date AND ${day(r.to)}::date`);
    if (templateId) q = q.where('template_id', '=', templateId);
    const rows = await q.groupBy('template_id').execute();
    return rows.map((x) => ({ templateId: x.template_id, cases: num(x.cases), completed: num(x.completed), cycleMinutes: num(x.cycle_minutes) }));
  }

  /** Hazards reported in the period per department and grade. */
  async hazards(tx: Tx, r: MonthRangeArg) {
    const rows = await tx
      .selectFrom('analytics_hazard_monthly')
      .select(['department_id', 'grade'])
      .select((e) => [
        e.fn.sum<string>('reported').as('reported'),
        e.fn.sum<string>('closed').as('closed'),
        e.fn.sum<string>('closed_with_deadline').as('closed_with_deadline'),
        e.fn.sum<string>('closed_on_time').as('closed_on_time'),
        e.fn.sum<string>('first_pass').as('first_pass'),
      ])
      .where(sql<boolean>`month BETWEEN ${day(r.from)}::date AND ${day(r.to)}::date`)
      .groupBy(['department_id', 'grade'])
      .execute();
    return rows.map((x) => ({
      departmentId: x.department_id,
      grade: x.grade,
      reported: num(x.reported),
      closed: num(x.closed),
      closedWithDeadline: num(x.closed_with_deadline),
      closedOnTime: num(x.closed_on_time),
      firstPass: num(x.first_pass),
    }));
  }

  /** Template versions by id: name, version and definition (to tell approval steps). */
  async templates(tx: Tx, ids: string[]) {
    if (!ids.length) return [];
    return tx.selectFrom('flow_templates').select(['id', 'key', 'name', 'version', 'definition']).where('id', 'in', ids).execute();
  }

  async templateExists(tx: Tx, id: string): Promise<boolean> {
    return !!(await tx.selectFrom('flow_templates').select('id').where('id', '=', id).executeTakeFirst());
  }

  /** Departments with their active members, in display order. */
  async departments(tx: Tx) {
    const rows = await tx
      .selectFrom('departments as d')
      .select(['d.id', 'd.name'])
      .select((e) =>
        e
          .selectFrom('users as u')
          .select((x) => x.fn.countAll<string>().as('n'))
          .whereRef('u.department_id', '=', 'd.id')
          .where('u.active', '=', true)
          .as('members'),
      )
      .orderBy('d.sort')
      .orderBy('d.name')
      .execute();
    return rows.map((x) => ({ id: x.id, name: x.name, members: num(x.members) }));
  }

  /** Reference cycle times (hours) an admin entered: key 'flow:<template id>' or 'flow:hazard'. */
  async benchmarks(tx: Tx): Promise<Map<string, number>> {
    const rows = await tx.selectFrom('analytics_targets').select(['key', 'benchmark']).where('key', 'like', 'flow:%').where('benchmark', 'is not', null).execute();
    return new Map(rows.map((x) => [x.key, Number(x.benchmark)]));
  }
}

/** Months in the period (for per-month figures). */
export function monthsIn(r: MonthRangeArg): number {
  return Math.max(1, monthsBetween(r.from, r.to).length);
}
