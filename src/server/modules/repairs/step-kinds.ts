import type { Platform } from '../../platform/platform.js';
import { ConflictError, ForbiddenError } from '../../platform/errors.js';
import type { FormField } from '../../../core/flows/index.js';
import { stepKind, type StepContext, type StepKind } from '../flows/step-kinds.js';
import { form } from '../hazards/step-kinds.js';
import { canWorkRepair } from './policies.js';
import { REPAIR_STATUS_LABELS, type RepairService, type RepairStatus } from './service.js';

const text = (title: string, minLength = 1): FormField => ({ 'x-widget': 'textarea', type: 'string', title, minLength, maxLength: 2000 });
const files = (title: string): FormField => ({ 'x-widget': 'files', type: 'array', title, items: { type: 'string', format: 'uuid' }, maxItems: 9 });
const photos = (title: string): FormField => ({ 'x-widget': 'photos', type: 'array', title, items: { type: 'string', format: 'uuid' }, minItems: 1, maxItems: 9 });

export const REPAIR_STEP_FORMS = {
  diagnose: form({ cause: text('诊断结论') }, ['cause']),
  plan: form({ cause: text('诊断结论', 0), plan: text('维修方案'), planFiles: files('方案文件') }, ['plan']),
  complete: form({ result: text('维修结果'), afterPhotos: photos('修复后照片') }, ['result', 'afterPhotos']),
};

/**
 * 设备部's steps on a repair order as step kinds: 诊断, 维修方案, 完成维修. In a case about a hazard
 * they act on that hazard's repair order (made on the spot if the report's handler has not run
 * yet); completing the repair is also the hazard's rectification when the hazard was dispatched
 * to the repairing department — one piece of work, done once.
 */
export function repairStepKinds(p: Platform, repairs: RepairService): StepKind[] {
  const record = async (w: StepContext['w'], subject: { type: string; id: string }) => {
    if (subject.type === 'repair_order') return subject.id;
    if (subject.type !== 'hazard') return null;
    const existing = await repairs.store.byHazard(w.tx, subject.id);
    return existing?.id ?? (await repairs.orderForHazard(w, subject.id));
  };
  const describe = async (w: StepContext['w'], id: string) => {
    const r = await repairs.store.get(w.tx, id);
    return r ? { code: r.code, label: REPAIR_STATUS_LABELS[r.status as RepairStatus] ?? r.status, link: `/repairs/${r.id}` } : null;
  };
  const order = async (ctx: StepContext, ...states: RepairStatus[]) => {
    const r = await repairs.store.get(ctx.w.tx, ctx.recordId);
    if (!r) throw new ConflictError('the repair order no longer exists', 'INVALID_STATE');
    if (!canWorkRepair(ctx.actor, { departmentId: r.department_id })) throw new ForbiddenError('维修工单由维修部门处理');
    if (!states.includes(r.status as RepairStatus)) {
      throw new ConflictError(`维修工单 ${r.code} 当前为「${REPAIR_STATUS_LABELS[r.status as RepairStatus]}」`, 'INVALID_STATE', [{ path: 'status', message: `current state ${r.status}` }]);
    }
    return r;
  };

  return [
    {
      id: 'repair.diagnose',
      name: '诊断',
      description: '设备部到场诊断故障原因，记录在维修工单上。',
      subjectTypes: ['hazard', 'repair_order'],
      departmentFunction: 'equipment',
      form: REPAIR_STEP_FORMS.diagnose,
      record,
      describe,
      async check(ctx) {
        await order(ctx, 'open', 'in_progress');
      },
      async complete(ctx) {
        const r = await repairs.diagnoseIn(ctx.w, ctx.actor, ctx.recordId, String(ctx.outputs.cause).trim());
        return { note: `维修工单 ${r.code} 已记录诊断结论` };
      },
    },
    {
      id: 'repair.plan',
      name: '维修方案',
      description: '制定维修方案（可附诊断结论与方案文件），工单转为维修中，维修人为提交人。',
      subjectTypes: ['hazard', 'repair_order'],
      departmentFunction: 'equipment',
      form: REPAIR_STEP_FORMS.plan,
      record,
      describe,
      async check(ctx) {
        await order(ctx, 'open');
      },
      async complete(ctx) {
        const cause = String(ctx.outputs.cause ?? '').trim();
        if (cause) await repairs.diagnoseIn(ctx.w, ctx.actor, ctx.recordId, cause);
        const r = await repairs.startIn(ctx.w, ctx.actor, ctx.recordId, {
          version: 0,
          assigneeId: ctx.actor.userId ?? undefined,
          plan: String(ctx.outputs.plan),
          planFiles: (ctx.outputs.planFiles as string[] | undefined) ?? [],
        }, true);
        return { note: `维修工单 ${r.code} 维修中：${r.plan ?? ''}`.slice(0, 200) };
      },
    },
    {
      id: 'repair.complete',
      name: '完成维修',
      description: '维修完成并上传修复后照片，工单完成；若隐患已派发给维修部门，同时作为隐患整改提交验收。',
      subjectTypes: ['hazard', 'repair_order'],
      departmentFunction: 'equipment',
      form: REPAIR_STEP_FORMS.complete,
      record,
      describe,
      async check(ctx) {
        const r = await order(ctx, 'open', 'in_progress', 'done');
        // done already: only a rejected acceptance brings this step back (rework on the hazard)
        if (r.status === 'done' && r.hazard_status !== 'rectifying') {
          throw new ConflictError(`维修工单 ${r.code} 已完成`, 'INVALID_STATE', [{ path: 'status', message: 'current state done' }]);
        }
      },
      async complete(ctx) {
        let r = await order(ctx, 'open', 'in_progress', 'done');
        const result = String(ctx.outputs.result).trim();
        // no plan step in this process: the result is the plan
        if (r.status === 'open') r = await repairs.startIn(ctx.w, ctx.actor, r.id, { version: 0, assigneeId: ctx.actor.userId ?? undefined, plan: result }, true);
        if (r.status === 'in_progress') r = await repairs.completeIn(ctx.w, ctx.actor, r.id, { version: 0, note: result }, true);
        const notes = [`维修工单 ${r.code} 已完成`];
        // the repair is the rectification of a hazard dispatched to this department
        const rectify = stepKind(p, 'hazard.rectify');
        if (rectify && ctx.subject.type === 'hazard' && r.hazard_status === 'rectifying' && r.h_responsible_department_id === ctx.task.departmentId) {
          const outcome = await rectify.complete({ ...ctx, recordId: ctx.subject.id, outputs: { note: result, afterPhotos: ctx.outputs.afterPhotos } });
          if (outcome?.note) notes.push(outcome.note);
        }
        return { note: notes.join('；') };
      },
    },
  ];
}
