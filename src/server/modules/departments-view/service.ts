import { can, type Actor } from '../../platform/access.js';
import type { Platform } from '../../platform/platform.js';
import type { Work } from '../../platform/work.js';
import { NotFoundError } from '../../platform/errors.js';
import { HazardService } from '../hazards/service.js';
import type { HazardRow } from '../hazards/store.js';
import { QualificationStore } from '../qualifications/index.js';
import { RepairStore, REPAIR_STATUS_LABELS, type RepairStatus } from '../repairs/index.js';
import { DepartmentsViewStore } from './store.js';

export type DepartmentRole = 'reporter' | 'assessor' | 'repair' | 'qualification';

export interface DepartmentProgress {
  department: { id: string; name: string } | null;
  role: DepartmentRole;
  status: string;
  statusLabel: string;
  /** Finished its part (reported, closed, repaired, confirmed). */
  done: boolean;
  updatedAt: string;
  summary: string;
  /** Where that department works on it, when the caller may open it. */
  link: string | null;
}

const HAZARD_STATUS_LABELS: Record<string, string> = {
  reported: '待评估',
  assessed: '已评估',
  rectifying: '整改中',
  verifying: '待验收',
  closed: '已销号',
};
const GRADE_LABELS: Record<string, string> = { general: '一般隐患', major: '重大隐患' };
const CHECK_STATUS_LABELS: Record<string, string> = { pending: '待核查', confirmed: '已确认' };

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : new Date(0).toISOString());
const day = (d: Date | string) => new Date(new Date(d).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const clip = (s: string | null | undefined, n = 60) => {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n)}…` : t;
};

/**
 * 各部门进展: one hazard seen by every department that works on it — the reporter, the safety
 * department (its closed loop), 设备部 (the repair order), 人事部 (the operators' qualification
 * check). Reads through the hazards service and the stores of the two modules, so the hazards
 * module does not depend on them.
 */
export class DepartmentsViewService {
  private readonly hazards: HazardService;
  private readonly repairs = new RepairStore();
  private readonly qualifications = new QualificationStore();
  private readonly store = new DepartmentsViewStore();
  constructor(private readonly p: Platform) {
    this.hazards = new HazardService(p);
  }

  progress(actor: Actor, hazardId: string) {
    return this.p.run(actor, async (w) => {
      const { hazard, repair, check } = await this.load(w, actor, hazardId);
      const depts = await this.store.byFunctions(w.tx, ['safety', 'hr']);
      const items: DepartmentProgress[] = [];

      const reporterDept = hazard.reporter_department_id
        ? { id: hazard.reporter_department_id, name: hazard.reporter_department_name! }
        : { id: hazard.department_id, name: hazard.department_name };
      items.push({
        department: reporterDept,
        role: 'reporter',
        status: 'reported',
        statusLabel: '已上报',
        done: true,
        updatedAt: iso(hazard.reported_at),
        summary: `${hazard.reporter_name ?? '—'} 上报 ${hazard.code}：${clip(hazard.title)}`,
        link: null,
      });

      items.push({
        department: depts.get('safety') ?? null,
        role: 'assessor',
        status: hazard.status,
        statusLabel: HAZARD_STATUS_LABELS[hazard.status] ?? hazard.status,
        done: hazard.status === 'closed',
        updatedAt: iso(hazard.updated_at),
        summary: assessorSummary(hazard),
        link: null,
      });

      if (repair) {
        const status = repair.status as RepairStatus;
        items.push({
          department: { id: repair.department_id, name: repair.department_name },
          role: 'repair',
          status,
          statusLabel: REPAIR_STATUS_LABELS[status] ?? status,
          done: status === 'done',
          updatedAt: iso(repair.updated_at),
          summary:
            status === 'open'
              ? `${repair.code} 待安排维修`
              : status === 'in_progress'
                ? `${repair.code} ${repair.assignee_name ?? ''} 维修中：${clip(repair.plan)}`
                : `${repair.code} 维修完成：${clip(repair.result_note)}`,
          link: `/repairs/${repair.id}`,
        });
      }

      if (check) {
        const bad = check.operator_count - check.qualified_count;
        items.push({
          department: depts.get('hr') ?? null,
          role: 'qualification',
          status: check.status,
          statusLabel: CHECK_STATUS_LABELS[check.status] ?? check.status,
          done: check.status === 'confirmed',
          updatedAt: iso(check.updated_at),
          summary:
            `操作人员 ${check.qualified_count}/${check.operator_count} 人资质符合` +
            (bad > 0 ? `，${bad} 人不符合` : '') +
            (check.status === 'confirmed' ? `；${check.confirmed_by_name ?? ''} 已确认${check.note ? `：${clip(check.note, 40)}` : ''}` : ''),
          link: can(actor, 'qualifications.view') ? `/qualifications?check=${check.id}` : null,
        });
      }
      return { hazard: { id: hazard.id, code: hazard.code, title: hazard.title, status: hazard.status }, items };
    });
  }

  /**
   * Who may see the progress: whoever may see the hazard, and the departments working on it (设备部
   * for its repair order, 人事部 for its check) even when the hazard is outside their own scope.
   */
  private async load(w: Work, actor: Actor, hazardId: string) {
    let hazard: HazardRow | undefined;
    let participant = false;
    try {
      hazard = await this.hazards.visible(w, actor, hazardId);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
    const repair = await this.repairs.byHazard(w.tx, hazardId);
    const check = await this.qualifications.byHazard(w.tx, hazardId);
    if (!hazard) {
      if (repair && actor.departmentId && actor.departmentId === repair.department_id) participant = true;
      if (check && can(actor, 'qualifications.view')) participant = true;
      if (participant) hazard = await this.hazards.store.get(w.tx, hazardId);
      if (!hazard) throw new NotFoundError('hazard', hazardId);
    }
    return { hazard, repair, check };
  }
}

function assessorSummary(h: HazardRow): string {
  const grade = h.grade ? GRADE_LABELS[h.grade] ?? h.grade : null;
  const graded = [grade, h.risk_level].filter(Boolean).join(' · ');
  switch (h.status) {
    case 'reported':
      return '待评估定级';
    case 'assessed':
      return `已评估：${graded}`;
    case 'rectifying':
      return `${graded}；整改责任：${h.responsible_department_name ?? '—'}${h.deadline ? `，期限 ${day(h.deadline)}` : ''}`;
    case 'verifying':
      return `${graded}；整改已提交，待验收`;
    case 'closed':
      return `${graded}；验收通过，已销号`;
    default:
      return graded;
  }
}
