import type { Work } from '../../platform/work.js';
import { departmentForFunction } from '../../../core/org/functions.js';
import { NotificationStore } from '../notifications/store.js';
import {
  instructionsFor,
  matchRules,
  withChosenDepartments,
  type EventType,
  type LinkageRuleDef,
  type SourceKind,
  type WarningColor,
  type WarningFacts,
} from '../../../core/warnings/index.js';
import { shortTime } from '../flows/format.js';
import { timerPrefix } from './events.js';
import { COLOR_LABELS, isUrgent, link, VIEW_ALL_ROLES, type Notifier } from './notify.js';
import { isOpenResponse } from './policies.js';
import type { RuleRow, WarningRow, WarningStore } from './store.js';
import { scheduleTimers } from './timers.js';

const HOUR = 3_600_000;

/** Launches a rule's process template for a warning inside the same work (flow-link.ts). */

/** Who hears of overdue answers and test messages: the shared recipient lookups. */
const recipients = new NotificationStore();

export interface FlowLauncher {
  launch(w: Work, key: string, warning: { id: string; headline: string }): Promise<{ id: string } | { error: string }>;
}

/** Reports a hazard for a warning inside the same work (the hazards module); returns its id. */
export interface HazardRaiser {
  reportInWork(w: Work, input: { title: string; description?: string; areaId?: string | null; equipmentId?: string | null; departmentId: string }, source: string): Promise<{ id: string }>;
}

export function factsOf(w: WarningRow): WarningFacts {
  return {
    sourceKind: w.source_kind as SourceKind,
    eventType: w.event_type as EventType,
    color: w.color as WarningColor,
    areaId: w.area_id,
    event: w.event,
    headline: w.headline,
    areaDesc: w.area_desc,
    expires: w.expires ? new Date(w.expires).toISOString() : null,
  };
}

export function ruleDef(r: RuleRow): LinkageRuleDef {
  return {
    id: r.id,
    name: r.name,
    enabled: r.enabled,
    when: { sourceKinds: r.source_kinds as SourceKind[], eventTypes: r.event_types as EventType[], minColor: r.min_color as WarningColor, areaIds: r.area_ids },
    instruct: r.instruct as LinkageRuleDef['instruct'],
    responseHours: Number(r.response_hours),
    escalateAfterHours: Number(r.escalate_after_hours),
    raiseHazard: r.raise_hazard,
    flowTemplateKey: r.flow_template_key,
  };
}

/**
 * Linkage (预警 → 响应): the tenant's rules decide which departments are instructed, with which
 * text and deadline. Run when a warning arrives and again when it is updated: new departments are
 * instructed, existing answers keep their state and get the new instruction text. Tests and
 * exercises only record which rules would fire (a dry run).
 */
export class Linkage {
  constructor(
    private readonly store: WarningStore,
    private readonly notifier: Notifier,
    private readonly hazards: HazardRaiser | null,
    private readonly flows: FlowLauncher | null = null,
  ) {}

  async run(w: Work, warningId: string, change: 'created' | 'updated'): Promise<void> {
    const row = (await this.store.warning(w.tx, warningId, true))!;
    const defs = (await this.store.rules(w.tx, true)).map(ruleDef);
    const facts = factsOf(row);
    const matched = matchRules(defs, facts);
    // departments chosen by hand when the warning was raised are instructed beside the rules' ones
    const instructions = withChosenDepartments(instructionsFor(defs, facts), row.chosen_department_ids ?? [], facts);
    const now = w.clock.now();
    const matchedRules = matched.map((r) => ({ id: r.id, name: r.name }));

    if (row.status !== 'Actual' || row.state === 'cancelled') {
      const departmentIds = row.state === 'cancelled' ? row.department_ids : instructions.map((i) => i.departmentId);
      await this.store.updateWarning(w.tx, row.id, { matched_rules: JSON.stringify(matchedRules), department_ids: departmentIds }, now);
      if (row.status !== 'Actual') await this.announce(w, row, change, true);
      return;
    }

    const existing = await this.store.responsesOf(w.tx, [row.id]);
    const added: { id: string; departmentId: string; instruction: string; dueAt: Date }[] = [];
    for (const ins of instructions) {
      const have = existing.find((r) => r.department_id === ins.departmentId);
      if (have) {
        // an update changes what to do, not how far the department has come
        if (have.instruction !== ins.instruction && have.state !== 'stood_down') {
          await this.store.updateResponse(w.tx, have.id, undefined, { instruction: ins.instruction, rule_ids: ins.ruleIds }, now);
        }
        continue;
      }
      const dueAt = new Date(now.getTime() + ins.responseHours * HOUR);
      const id = await this.store.insertResponse(w.tx, {
        tenantId: w.tenantId, warningId: row.id, departmentId: ins.departmentId, instruction: ins.instruction, ruleIds: ins.ruleIds, dueAt,
        escalateAfterHours: ins.escalateAfterHours, now,
      });
      await scheduleTimers(w, { warningId: row.id, responseId: id, dueAt, escalateAfterHours: ins.escalateAfterHours });
      added.push({ id, departmentId: ins.departmentId, instruction: ins.instruction, dueAt });
    }
    const departmentIds = [...new Set([...existing.map((r) => r.department_id), ...added.map((a) => a.departmentId)])];
    await this.store.updateWarning(w.tx, row.id, { matched_rules: JSON.stringify(matchedRules), department_ids: departmentIds }, now);

    if (added.length) {
      const members = await this.store.members(w.tx, added.map((a) => a.departmentId));
      await this.notifier.notifyMany(
        w,
        added.map((a) => ({
          userIds: members.filter((m) => m.department_id === a.departmentId && m.id !== w.actor.userId).map((m) => m.id),
          n: {
            kind: 'warning.instructed',
            title: `${COLOR_LABELS[row.color] ?? ''}预警响应：${row.headline}`.slice(0, 200),
            body: `${a.instruction}（请于 ${shortTime(a.dueAt)} 前反馈措施）`.slice(0, 500),
            link: link(row),
            subjectType: 'warning',
            subjectId: row.id,
            dedupeKey: `warning.instructed:${a.id}`,
            urgent: isUrgent(row),
            departmentIds: [a.departmentId],
          },
        })),
      );
      w.audit({
        action: 'warning.instructed', entityType: 'warning', entityId: row.id,
        after: { departments: added.map((a) => ({ departmentId: a.departmentId, responseId: a.id, dueAt: a.dueAt.toISOString(), instruction: a.instruction })) },
        basis: [
          matchedRules.length ? `联动规则：${matchedRules.map((r) => r.name).join('、')}` : '',
          added.some((a) => !instructions.find((i) => i.departmentId === a.departmentId)?.ruleIds.length) ? '发布人指定部门' : '',
        ].filter(Boolean).join('；'),
      });
    }
    if (!instructions.length && change === 'created') await this.announce(w, row, change, false);

    if (matched.some((r) => r.raiseHazard) && !row.hazard_id && this.hazards) await this.raiseHazard(w, row, matched);
    // one collaboration case per warning: the first matching rule that names a template launches it
    const flowRule = matched.find((r) => r.flowTemplateKey);
    if (flowRule && !row.flow_instance_id && this.flows) {
      const launched = await this.flows.launch(w, flowRule.flowTemplateKey!, row);
      if ('id' in launched) await this.store.updateWarning(w.tx, row.id, { flow_instance_id: launched.id }, w.clock.now());
      else w.audit({ action: 'warning.flow_failed', entityType: 'warning', entityId: row.id, after: { rule: flowRule.name, template: flowRule.flowTemplateKey }, basis: launched.error });
    }
    await this.refreshLoop(w, row.id);
  }

  /**
   * The loop: 'open' while some department has not answered, 'closed' when every answer is in (or
   * stood down); closing cancels the remaining timers. A closed loop reopens when an update
   * instructs a new department.
   */
  async refreshLoop(w: Work, warningId: string): Promise<void> {
    const row = (await this.store.warning(w.tx, warningId))!;
    const responses = await this.store.responsesOf(w.tx, [warningId]);
    const now = w.clock.now();
    if (!responses.length) return;
    const open = responses.some((r) => isOpenResponse(r.state));
    if (open && row.loop !== 'open') {
      await this.store.updateWarning(w.tx, warningId, { loop: 'open', closed_at: null, ...(row.state === 'closed' ? { state: 'active' } : {}) }, now);
    } else if (!open && row.loop !== 'closed') {
      await this.store.updateWarning(w.tx, warningId, { loop: 'closed', closed_at: now, ...(row.state === 'active' ? { state: 'closed' } : {}) }, now);
      await w.cancelJobsByPrefix(timerPrefix(warningId));
      w.audit({ action: 'warning.loop_closed', entityType: 'warning', entityId: warningId, after: { responses: responses.map((r) => ({ departmentId: r.department_id, state: r.state })) } });
    }
  }

  /** Warnings no rule covers (and every test or exercise) go to those who watch all warnings. */
  private async announce(w: Work, row: WarningRow, change: string, dryRun: boolean) {
    const users = (await recipients.usersWithRoles(w.tx, [...VIEW_ALL_ROLES])).filter((u) => u !== w.actor.userId);
    const tag = dryRun ? `【${row.status === 'Exercise' ? '演练' : '测试'}】` : '';
    await this.notifier.notifyMany(w, [
      {
        userIds: users,
        n: {
          kind: 'warning.raised',
          title: `${tag}${COLOR_LABELS[row.color] ?? ''}预警：${row.headline}`.slice(0, 200),
          body: dryRun ? '测试或演练消息，不触发联动；可查看将匹配的规则' : '没有联动规则匹配此预警，请评估是否需要人工部署',
          link: link(row),
          subjectType: 'warning',
          subjectId: row.id,
          dedupeKey: `warning.raised:${row.id}:${change}:${row.version}`,
          // a test never goes out on the urgent path
          urgent: !dryRun && isUrgent(row),
          departmentIds: [],
        },
      },
    ]);
  }

  /** A rule asks for a hazard record: in the warning's area (or at its equipment), answerable by that area's department. */
  private async raiseHazard(w: Work, row: WarningRow, matched: LinkageRuleDef[]) {
    const equipment = row.equipment_id ? await this.store.equipment(w.tx, row.equipment_id) : undefined;
    const areaId = row.area_id ?? equipment?.area_id ?? null;
    const area = areaId ? await this.store.area(w.tx, areaId) : undefined;
    const departmentId = equipment?.department_id ?? area?.department_id ?? departmentForFunction(await this.store.departments(w.tx), 'safety')?.id;
    if (!departmentId) return;
    const hazard = await this.hazards!.reportInWork(
      w,
      {
        title: `预警联动：${row.headline}`.slice(0, 200),
        description: `${row.description}\n（由预警 ${row.identifier} 按规则「${matched.filter((r) => r.raiseHazard).map((r) => r.name).join('、')}」自动上报）`.trim().slice(0, 2000),
        areaId,
        equipmentId: equipment ? row.equipment_id : null,
        departmentId,
      },
      'warning',
    );
    await this.store.updateWarning(w.tx, row.id, { hazard_id: hazard.id }, w.clock.now());
  }
}
