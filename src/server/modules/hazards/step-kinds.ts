import { can } from '../../platform/access.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/errors.js';
import type { Form, FormField } from '../../../core/flows/index.js';
import { nextStatus, STATUS_LABELS, type HazardAction, type HazardStatus } from '../../../core/hazards/lifecycle.js';
import { departmentForFunction } from '../../../core/org/functions.js';
import type { StepContext, StepKind } from '../flows/step-kinds.js';
import type { HazardLoop } from './loop.js';
import type { HazardService } from './service.js';
import { canAssessHazard, canVerifyHazard } from './policies.js';

/** Kinds whose completion is the hazard's rectification (the dispatch makes their department responsible). */
export const RECTIFYING_KINDS = ['hazard.rectify', 'repair.complete'];

const field = {
  text: (title: string, minLength = 1): FormField => ({ 'x-widget': 'textarea', type: 'string', title, minLength, maxLength: 2000 }),
  number: (title: string, unit: string): FormField => ({ 'x-widget': 'number', type: 'number', title, minimum: 0, 'x-unit': unit }),
  choice: (title: string, options: string[]): FormField => ({ 'x-widget': 'choice', type: 'string', title, enum: options }),
  date: (title: string): FormField => ({ 'x-widget': 'date', type: 'string', format: 'date', title }),
  photos: (title: string): FormField => ({ 'x-widget': 'photos', type: 'array', title, items: { type: 'string', format: 'uuid' }, minItems: 1, maxItems: 9 }),
};

export function form(fields: Record<string, FormField>, required: string[]): Form {
  return { type: 'object', properties: fields, required, additionalProperties: false };
}

/** The forms of the hazard step kinds (built-in templates use them as they are). */
export const HAZARD_STEP_FORMS = {
  assess: form(
    {
      potentialDeaths: field.number('可能造成死亡人数', '人'),
      directLossYuan: field.number('可能造成直接经济损失', '元'),
      grade: field.choice('隐患等级（不填则按统一标准判定）', ['一般隐患', '重大隐患']),
      basis: field.text('评估依据'),
    },
    ['potentialDeaths', 'directLossYuan', 'basis'],
  ),
  dispatch: form(
    { measures: field.text('整改措施'), deadline: field.date('整改期限'), budgetYuan: field.number('整改资金', '元') },
    ['measures', 'deadline'],
  ),
  rectify: form({ note: field.text('整改情况'), afterPhotos: field.photos('整改后照片') }, ['note', 'afterPhotos']),
  verify: form({ result: field.choice('验收结论', ['通过', '驳回']), comment: field.text('验收意见', 0) }, ['result']),
};

const GRADE_OF: Record<string, 'general' | 'major'> = { 一般隐患: 'general', 重大隐患: 'major' };
const GRADE_LABEL: Record<string, string> = { general: '一般隐患', major: '重大隐患' };

/** End of a chosen day in China time (UTC+8): a deadline picked as a date means "by that evening". */
export function endOfChinaDay(date: string): Date {
  return new Date(`${date}T23:59:59.000+08:00`);
}

/**
 * The hazard loop's steps as step kinds (C5): 评估定级, 整改派发, 整改, 验收. A case about a hazard
 * whose template contains them moves the hazard itself — the same code, rules, timers and
 * notifications as the hazard's own pages — in the transaction that completes the task.
 */
export function hazardStepKinds(loop: HazardLoop, hazards: HazardService): StepKind[] {
  const record = async (_w: unknown, subject: { type: string; id: string }) => (subject.type === 'hazard' ? subject.id : null);
  const current = async (ctx: StepContext, action: HazardAction) => {
    const row = await hazards.store.get(ctx.w.tx, ctx.recordId);
    if (!row) throw new ConflictError('the hazard no longer exists', 'INVALID_STATE');
    if (!nextStatus(row.status, action)) {
      const label = STATUS_LABELS[row.status as HazardStatus] ?? row.status;
      throw new ConflictError(`隐患 ${row.code} 当前为「${label}」，不能${ACTION_WORDS[action]}`, 'INVALID_STATE', [{ path: 'status', message: `current state ${row.status}` }]);
    }
    return row;
  };
  const describe = async (w: StepContext['w'], id: string) => {
    const row = await hazards.store.get(w.tx, id);
    if (!row) return null;
    const grade = row.grade ? ` · ${GRADE_LABEL[row.grade]}` : ' · 未定级';
    return { code: row.code, label: `${STATUS_LABELS[row.status as HazardStatus] ?? row.status}${grade}`, link: `/hazards/${row.id}` };
  };

  return [
    {
      id: 'hazard.assess',
      name: '评估定级',
      description: '按统一标准评估隐患等级（一般/重大）；填写可能死亡人数与直接经济损失时由标准判定，不得低于标准结论。',
      subjectTypes: ['hazard'],
      departmentFunction: 'safety',
      form: HAZARD_STEP_FORMS.assess,
      record,
      describe,
      async check(ctx) {
        const row = await current(ctx, 'assess');
        if (!canAssessHazard(ctx.actor, { status: row.status } as never)) throw new ForbiddenError('评估定级由安全管理部门完成');
      },
      async complete(ctx) {
        const o = ctx.outputs;
        const updated = await loop.assessIn(ctx.w, ctx.actor, ctx.recordId, {
          version: 0,
          potentialDeaths: o.potentialDeaths as number,
          directLossYuan: o.directLossYuan as number,
          grade: o.grade ? GRADE_OF[o.grade as string] : undefined,
          basis: String(o.basis),
        }, { viaCase: true });
        return { data: { grade: updated.grade }, note: `隐患 ${updated.code} 评定为${GRADE_LABEL[updated.grade ?? 'general']}` };
      },
    },
    {
      id: 'hazard.dispatch',
      name: '整改派发',
      description: '确定整改措施与期限（不超过该等级的整改期限），派发给本流程中负责整改的部门；重大隐患同时由安全委员会挂牌督办。',
      subjectTypes: ['hazard'],
      departmentFunction: 'safety',
      form: HAZARD_STEP_FORMS.dispatch,
      record,
      describe,
      async check(ctx) {
        await current(ctx, 'dispatch');
        if (!can(ctx.actor, 'hazard.assess')) throw new ForbiddenError('整改派发由安全管理部门完成');
      },
      async complete(ctx) {
        const row = await current(ctx, 'dispatch');
        const rectifying = ctx.steps.find((s) => s.kind && RECTIFYING_KINDS.includes(s.kind) && s.departmentId);
        const departments = await hazards.store.departmentHeads(ctx.w.tx);
        const responsible = departments.find((d) => d.id === (rectifying?.departmentId ?? row.department_id));
        if (!responsible?.head_user_id) {
          throw new ValidationError('the rectifying department has no head to be responsible', [{ path: 'body.outputs.deadline', message: `「${responsible?.name ?? '—'}」未设置部门负责人，无法派发` }]);
        }
        const committee = departmentForFunction(departments, 'committee');
        const supervisorId = row.grade === 'major' ? (committee?.head_user_id ?? undefined) : undefined;
        const deadline = endOfChinaDay(String(ctx.outputs.deadline));
        const updated = await loop.dispatchIn(ctx.w, ctx.actor, ctx.recordId, {
          version: 0,
          responsibleDepartmentId: responsible.id,
          responsibleUserId: responsible.head_user_id,
          deadline: deadline.toISOString(),
          measures: String(ctx.outputs.measures),
          budgetYuan: typeof ctx.outputs.budgetYuan === 'number' ? ctx.outputs.budgetYuan : undefined,
          supervisorId,
        }, { viaCase: true });
        // the rectifying step of this case falls due on the chosen deadline (dueFrom: rectifyDeadline)
        return { data: { rectifyDeadline: deadline.toISOString() }, note: `隐患 ${updated.code} 派发至${responsible.name}，期限 ${ctx.outputs.deadline}` };
      },
    },
    {
      id: 'hazard.rectify',
      name: '整改',
      description: '责任部门按派发的措施整改，上传整改后照片，提交验收。',
      subjectTypes: ['hazard'],
      departmentFunction: 'production',
      form: HAZARD_STEP_FORMS.rectify,
      record,
      describe,
      async check(ctx) {
        const row = await current(ctx, 'submit');
        mayRectify(ctx, row);
      },
      async complete(ctx) {
        const updated = await loop.submitIn(ctx.w, ctx.actor, ctx.recordId, {
          version: 0,
          note: String(ctx.outputs.note),
          afterPhotos: (ctx.outputs.afterPhotos as string[]) ?? [],
        }, { viaCase: true });
        return { note: `隐患 ${updated.code} 整改已提交，待验收` };
      },
    },
    {
      id: 'hazard.verify',
      name: '验收',
      description: '验收整改结果：通过则销号；驳回则退回整改。验收人不得为整改人（重大隐患不得为整改部门人员）。',
      subjectTypes: ['hazard'],
      departmentFunction: 'safety',
      form: HAZARD_STEP_FORMS.verify,
      record,
      describe,
      async check(ctx) {
        const row = await current(ctx, 'pass');
        if (!canVerifyHazard(ctx.actor, { status: row.status, supervisorId: row.supervisor_id } as never)) throw new ForbiddenError('验收由安全管理部门或督办人完成');
        if (ctx.outputs.result === '驳回' && !String(ctx.outputs.comment ?? '').trim()) {
          throw new ValidationError('a rejection needs a reason', [{ path: 'body.outputs.comment', message: 'required when rejecting' }]);
        }
      },
      async complete(ctx) {
        const pass = ctx.outputs.result !== '驳回';
        const updated = await loop.verifyIn(ctx.w, ctx.actor, ctx.recordId, {
          version: 0,
          result: pass ? 'pass' : 'reject',
          comment: String(ctx.outputs.comment ?? '').trim() || undefined,
        }, { viaCase: true });
        if (pass) return { note: `隐患 ${updated.code} 验收通过，已销号` };
        // rework is a rejection: the case's rectifying step is in hand again, this 验收 runs once it is done
        return { note: `隐患 ${updated.code} 验收驳回，退回整改`, sendBack: { kinds: RECTIFYING_KINDS, reason: String(ctx.outputs.comment).trim() } };
      },
    },
  ];
}

const ACTION_WORDS: Record<HazardAction, string> = { assess: '评估定级', dispatch: '派发', submit: '提交整改', pass: '验收', reject: '验收' };

/** The rectifying department's members (the case gave them the task), or the responsible person. */
export function mayRectify(ctx: StepContext, row: { responsible_user_id: string | null; responsible_department_id: string | null }) {
  const ok = ctx.actor.userId === row.responsible_user_id || (!!ctx.actor.departmentId && ctx.actor.departmentId === row.responsible_department_id);
  if (!ok) throw new ForbiddenError('整改由派发的责任部门完成');
}
