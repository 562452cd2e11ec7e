import { can } from '../../platform/access.js';
import { ConflictError, ForbiddenError } from '../../platform/errors.js';
import type { StepContext, StepKind } from '../flows/step-kinds.js';
import { form } from '../hazards/step-kinds.js';
import { checkSummary, type QualificationService } from './service.js';

export const QUALIFICATION_STEP_FORMS = {
  check: form({ note: { 'x-widget': 'textarea', type: 'string', title: '核查说明（结论由证书记录得出）', maxLength: 2000 } }, []),
};

/**
 * 人事部's 资质核查 as a step kind. The answer comes from the certificate records (the check the
 * module computed for the equipment's operators), not from a choice in the form: HR reads it,
 * adds a note and confirms, and the check is confirmed in the same transaction as the task.
 */
export function qualificationStepKinds(service: QualificationService): StepKind[] {
  return [
    {
      id: 'qualification.check',
      name: '资质核查',
      description: '核查设备操作人员的资质：结论由证书记录自动得出（缺证、过期），人事部核实后确认。',
      subjectTypes: ['hazard', 'qualification_check'],
      departmentFunction: 'hr',
      form: QUALIFICATION_STEP_FORMS.check,
      async record(w, subject) {
        if (subject.type === 'qualification_check') return subject.id;
        if (subject.type !== 'hazard') return null;
        const existing = await service.store.byHazard(w.tx, subject.id);
        return existing?.id ?? (await service.checkForHazard(w, subject.id));
      },
      async describe(w, id) {
        const c = await service.store.get(w.tx, id);
        if (!c) return null;
        const label = `${c.status === 'confirmed' ? '已确认' : '待核查'} · ${checkSummary(c.operator_count, c.qualified_count)}`;
        return { code: c.equipment_code, label, link: `/qualifications?check=${c.id}` };
      },
      async check(ctx: StepContext) {
        if (!can(ctx.actor, 'qualifications.manage')) throw new ForbiddenError('资质核查由人事部门完成');
        const c = await service.store.get(ctx.w.tx, ctx.recordId);
        if (!c) throw new ConflictError('the qualification check no longer exists', 'INVALID_STATE');
        if (c.status !== 'pending') throw new ConflictError('该资质核查已确认', 'INVALID_STATE', [{ path: 'status', message: 'current state confirmed' }]);
      },
      async complete(ctx) {
        const note = String(ctx.outputs.note ?? '').trim() || undefined;
        const c = await service.confirmIn(ctx.w, ctx.actor, ctx.recordId, { version: 0, note }, true);
        const allQualified = c.qualified_count === c.operator_count;
        return {
          data: { operatorsQualified: allQualified },
          note: `资质核查已确认：${c.equipment_code} ${checkSummary(c.operator_count, c.qualified_count)}`,
        };
      },
    },
  ];
}
