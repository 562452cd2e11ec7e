import { randomUUID } from 'node:crypto';
import { evaluate } from '../../core/standards/evaluate.js';
import { DEFAULT_STANDARDS } from '../../core/standards/defaults.js';

const riskOf = (i: { l: number; e: number; c: number }) => {
  const r = evaluate('lec', i, DEFAULT_STANDARDS);
  return { input: i, score: r.score!, label: r.label, color: r.color };
};
import { DESCRIPTION_HINTS, HAZARD_TITLES } from './demo-data.js';

const H = 3_600_000;
const DAY = 24 * H;
const LEC = { l: [10, 6, 3, 1, 0.5], e: [6, 3, 2, 1], c: [40, 15, 7, 3, 1] };

interface Ctx {
  tenantId: string;
  now: Date;
  months: number;
  rand: () => number;
  areas: { id: string; kind: string; department_id: string | null }[];
  equipment: { id: string; area_id: string | null }[];
  reporters: { id: string; deptId: string }[];
  deptIds: Record<string, string>;
  heads: Record<string, string>; // department id → head user id
  assessors: { id: string; name: string }[];
  committeeUserId: string;
  names: Record<string, string>; // user id → display name
}

/**
 * Six months of hazards that went through the closed loop for real: each step's time follows
 * the previous one, and the status is simply how far the hazard got by today. Transitions are
 * recorded as the live system records them, so the dashboards have step timings to show.
 */
export function demoHazardHistory(c: Ctx) {
  const pick = <T>(list: readonly T[]) => list[Math.floor(c.rand() * list.length)];
  const hazards: Record<string, unknown>[] = [];
  const transitions: Record<string, unknown>[] = [];
  const now = c.now.getTime();
  for (let d = c.months * 30; d >= 0; d--) {
    const count = Math.floor(c.rand() * 3.4);
    for (let j = 0; j < count; j++) {
      const id = randomUUID();
      const reportedAt = now - d * DAY - Math.floor(c.rand() * 9 * H) - H;
      const area = pick(c.areas);
      const inArea = c.equipment.filter((e) => e.area_id === area.id);
      const eq = inArea.length && c.rand() < 0.5 ? pick(inArea) : null;
      const reporter = pick(c.reporters);
      // a few recent major hazards are still under supervision, so the 挂牌督办 register has content
      const major = c.rand() < 0.04 || ((d === 6 || d === 13) && j === 0);
      const responsibleDept = eq ? c.deptIds.equipment : area.department_id!;
      const responsibleUser = c.heads[responsibleDept];
      const assessor = pick(c.assessors);
      const risk = riskOf(major ? { l: pick([6, 10]), e: pick([3, 6]), c: pick([15, 40]) } : { l: pick(LEC.l), e: pick(LEC.e), c: pick([7, 3, 1, 15]) });
      const stalled = c.rand() < 0.04;
      const late = c.rand() < 0.15;
      const rejected = c.rand() < 0.1;
      // the loop's moments, in order
      const assessedAt = reportedAt + (2 + c.rand() * 28) * H;
      const dispatchedAt = assessedAt + (1 + c.rand() * 20) * H;
      const deadline = dispatchedAt + (major ? 15 + Math.floor(c.rand() * 10) : 3 + Math.floor(c.rand() * 5)) * DAY;
      const firstSubmit = stalled ? Infinity : late ? deadline + (0.5 + c.rand() * 4) * DAY : dispatchedAt + c.rand() * (deadline - dispatchedAt) * 0.9;
      const rejectAt = rejected ? firstSubmit + (3 + c.rand() * 30) * H : Infinity;
      const secondSubmit = rejected ? rejectAt + (1 + c.rand() * 3) * DAY : Infinity;
      const passAt = (rejected ? secondSubmit : firstSubmit) + (2 + c.rand() * 46) * H;
      const steps: [string, number, string, string, string | null][] = [
        ['assess', assessedAt, 'reported', 'assessed', major ? '可能导致人员死亡，按统一标准定为重大隐患' : '按统一标准评估为一般隐患'],
        ['dispatch', dispatchedAt, 'assessed', 'rectifying', '按整改措施落实，限期完成'],
        ['submit', firstSubmit, 'rectifying', 'verifying', '已按措施完成整改'],
        ...(rejected ? ([['reject', rejectAt, 'verifying', 'rectifying', '整改不彻底，需补充'], ['submit', secondSubmit, 'rectifying', 'verifying', '已补充整改']] as [string, number, string, string, string][]) : []),
        ['pass', passAt, 'verifying', 'closed', '验收合格'],
      ];
      const done = steps.filter((s) => s[1] < now);
      const status = done.length ? done[done.length - 1][3] : 'reported';
      const at = (name: string) => {
        const s = [...done].reverse().find((x) => x[0] === name);
        return s ? new Date(s[1]) : null;
      };
      for (const [action, time, from, to, basis] of done) {
        const actor = action === 'submit' ? responsibleUser : assessor.id;
        transitions.push({
          tenant_id: c.tenantId,
          hazard_id: id,
          action,
          from_status: from,
          to_status: to,
          actor_id: actor,
          actor_name: c.names[actor] ?? '系统',
          at: new Date(time),
          basis,
          data: '{}',
        });
      }
      const dispatched = !!at('dispatch');
      hazards.push({
        tenant_id: c.tenantId,
        id,
        code: '',
        title: pick(HAZARD_TITLES[area.kind] ?? HAZARD_TITLES.workshop),
        description: pick(DESCRIPTION_HINTS),
        area_id: area.id,
        equipment_id: eq?.id ?? null,
        department_id: area.department_id!,
        reporter_id: reporter.id,
        reporter_department_id: reporter.deptId,
        source: 'report',
        status,
        grade: at('assess') ? (major ? 'major' : 'general') : null,
        risk_method: at('assess') ? 'lec' : null,
        risk_input: at('assess') ? JSON.stringify(risk.input) : null,
        risk_score: at('assess') ? risk.score : null,
        risk_level: at('assess') ? risk.label : null,
        risk_color: at('assess') ? risk.color : null,
        standards_version: at('assess') ? 1 : null,
        assessment_basis: at('assess') ? steps[0][4] : null,
        responsible_department_id: dispatched ? responsibleDept : null,
        responsible_user_id: dispatched ? responsibleUser : null,
        supervisor_id: dispatched && major ? c.committeeUserId : null,
        measures: dispatched ? '落实整改措施，完成后拍照上传' : null,
        deadline: dispatched ? new Date(deadline) : null,
        dispatched_at: at('dispatch'),
        rectification_note: at('submit') ? '已完成整改' : null,
        rectified_at: status === 'verifying' || status === 'closed' ? at('submit') : null,
        reject_count: done.filter((s) => s[0] === 'reject').length,
        reported_at: new Date(reportedAt),
        assessed_at: at('assess'),
        closed_at: at('pass'),
        created_at: new Date(reportedAt),
        updated_at: new Date(done.length ? done[done.length - 1][1] : reportedAt),
        version: 1 + done.length,
      });
    }
  }
  // numbers follow the order of reporting within each month
  hazards.sort((a, b) => (a.reported_at as Date).getTime() - (b.reported_at as Date).getTime());
  const counters = new Map<string, number>();
  for (const h of hazards) {
    const r = h.reported_at as Date;
    const month = `${r.getFullYear()}${String(r.getMonth() + 1).padStart(2, '0')}`;
    const n = (counters.get(month) ?? 0) + 1;
    counters.set(month, n);
    h.code = `YH-${month}-${String(n).padStart(4, '0')}`;
  }
  return { hazards, transitions, counters };
}
