import { fileURLToPath } from 'node:url';
import { defineModule } from '../../platform/module.js';
import type { Actor } from '../../platform/access.js';
import type { StoredEvent } from '../../platform/events/bus.js';
import { NotificationService } from '../notifications/service.js';
import { HazardService } from './service.js';
import { hazardRoutes } from './routes.js';
import { canViewHazard } from './policies.js';
import { ASSESSMENT_REMINDER_JOB, HAZARD_CREATED, HAZARD_UPDATED, type HazardEventPayload } from './events.js';

const ASSESSORS = ['safety_officer'];

export const hazardsModule = defineModule({
  name: 'hazards',
  migrations: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(p, api) {
    const service = new HazardService(p);
    const notifications = new NotificationService(p);
    hazardRoutes(api, service);

    const mayHear = (event: StoredEvent, actor: Actor) => canViewHazard(actor, event.payload as unknown as HazardEventPayload);
    p.bus.pushTo(HAZARD_CREATED, mayHear);
    p.bus.pushTo(HAZARD_UPDATED, mayHear);

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
  },
});
