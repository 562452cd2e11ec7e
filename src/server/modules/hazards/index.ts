import { fileURLToPath } from 'node:url';
import { defineModule } from '../../platform/module.js';
import type { Actor } from '../../platform/access.js';
import type { StoredEvent } from '../../platform/events/bus.js';
import { NotificationService } from '../notifications/service.js';
import { HazardService } from './service.js';
import { hazardRoutes } from './routes.js';
import { canViewHazard } from './policies.js';
import { ASSESSMENT_REMINDER_JOB, DEADLINE_JOB, HAZARD_CREATED, HAZARD_IMPORTED, HAZARD_UPDATED, type HazardEventPayload } from './events.js';
import { HazardLoop } from './loop.js';
import { loopRoutes } from './loop-routes.js';
import { eventPayload, scopeOf } from './service.js';
import { holding } from '../../platform/files/access.js';
import { hazardStepKinds } from './step-kinds.js';
import { registerStepKinds } from '../flows/step-kinds.js';

const ASSESSORS = ['safety_officer'];

export const hazardsModule = defineModule({
  name: 'hazards',
  migrations: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(p, api) {
    const service = new HazardService(p);
    const notifications = new NotificationService(p);
    hazardRoutes(api, service);
    const loop = new HazardLoop(p, service);
    loopRoutes(api, loop, service);
    // the loop's steps are step kinds a process template may use (flows/step-kinds.ts)
    registerStepKinds(p, hazardStepKinds(loop, service));
    // a report's photos are as visible as the hazard
    p.fileAccess.register('hazard', async (w, actor, fileId) =>
      holding(await service.store.holdingFile(w.tx, fileId), (h) => canViewHazard(actor, scopeOf(h))),
    );

    const mayHear = (event: StoredEvent, actor: Actor) => canViewHazard(actor, event.payload as unknown as HazardEventPayload);
    p.bus.pushTo(HAZARD_CREATED, mayHear);
    p.bus.pushTo(HAZARD_UPDATED, mayHear);
    p.bus.pushTo(HAZARD_IMPORTED, (_e, actor) => actor.permissions.has('hazard.view_all'));

    // A new report goes to the safety department and the head of the department it concerns.
    p.bus.on(HAZARD_CREATED, 'hazards.notify-new', async (w, event) => {
      const hazard = await service.store.assessmentPendingSince(w.tx, event.subjectId!);
      if (!hazard) return;
      const assessors = await notifications.store.usersWithRoles(w.tx, ASSESSORS);
      const head = await notifications.store.departmentHead(w.tx, hazard.department_id);
      const recipients = [...assessors, ...(head ? [head] : [])].filter((id) => id !== event.actorId);
      await notifications.notify(w, recipients, {
        kind: 'hazard.reported',
        title: `新隐患上报：${hazard.title}`,
        body: `${hazard.code} 待评估定级`,
        link: `/hazards/${hazard.id}`,
        subjectType: 'hazard',
        subjectId: hazard.id,
        dedupeKey: `hazard.reported:${hazard.id}`,
      });
    });

    // Still unassessed a day later: remind the safety department (once; the job is a singleton).
    p.jobs.register(ASSESSMENT_REMINDER_JOB, async (w, payload) => {
      const hazard = await service.store.assessmentPendingSince(w.tx, String(payload.hazardId));
      if (!hazard || hazard.status !== 'reported') return;
      const assessors = await notifications.store.usersWithRoles(w.tx, ASSESSORS);
      await notifications.notify(w, assessors, {
        kind: 'hazard.assessment_overdue',
        title: `隐患超过 24 小时未评估：${hazard.title}`,
        body: `${hazard.code} 已上报超过 24 小时，请尽快评估定级`,
        link: `/hazards/${hazard.id}`,
        subjectType: 'hazard',
        subjectId: hazard.id,
        dedupeKey: `hazard.assessment_overdue:${hazard.id}`,
      });
      w.audit({ action: 'hazard.assessment_reminder', entityType: 'hazard', entityId: hazard.id, basis: '上报后 24 小时未评估' });
    });

    // Rectification deadlines: remind before, notify at overdue, escalate to the committee after.
    p.jobs.register(DEADLINE_JOB, async (w, payload) => {
      const row = await service.store.get(w.tx, String(payload.hazardId));
      // finished, re-dispatched or moved: this timer belongs to a deadline that no longer applies
      if (!row || row.status !== 'rectifying' || !row.deadline || new Date(row.deadline).toISOString() !== payload.deadline) return;
      const stage = String(payload.stage);
      const head = row.responsible_department_id ? await notifications.store.departmentHead(w.tx, row.responsible_department_id) : null;
      const base = { link: `/hazards/${row.id}`, subjectType: 'hazard', subjectId: row.id, dedupeKey: `hazard.deadline:${row.id}:${payload.deadline}:${stage}` };
      const major = row.grade === 'major' ? '【重大隐患】' : '';
      if (stage.startsWith('remind')) {
        await notifications.notify(w, [row.responsible_user_id ?? '', head ?? ''], {
          ...base,
          kind: 'hazard.deadline_soon',
          title: `${major}整改期限将至：${row.title}`,
          body: `${row.code} 请于期限前完成整改并提交验收`,
        });
        return;
      }
      const committee = stage === 'committee' ? await notifications.store.usersWithRoles(w.tx, ['committee']) : [];
      const recipients = stage === 'overdue' ? [row.responsible_user_id ?? '', head ?? '', row.supervisor_id ?? ''] : [...committee, row.supervisor_id ?? ''];
      await notifications.notify(w, recipients, {
        ...base,
        kind: stage === 'overdue' ? 'hazard.overdue' : 'hazard.escalated',
        title: stage === 'overdue' ? `${major}整改已逾期：${row.title}` : `${major}逾期隐患升级至安委会：${row.title}`,
        body: `${row.code} 整改期限已过，责任部门尚未提交整改`,
      });
      w.audit({
        action: stage === 'overdue' ? 'hazard.overdue' : 'hazard.escalated',
        entityType: 'hazard',
        entityId: row.id,
        basis: stage === 'overdue' ? '整改期限已到' : '逾期未整改，升级至安全委员会',
      });
      w.emit({ type: HAZARD_UPDATED, subjectType: 'hazard', subjectId: row.id, payload: { ...eventPayload(row), action: stage } });
    });
  },
});
