import { fileURLToPath } from 'node:url';
import { defineModule } from '../../platform/module.js';
import { QualificationService } from './service.js';
import { qualificationRoutes } from './routes.js';
import { QUALIFICATION_CREATED, QUALIFICATION_UPDATED, type QualificationEventPayload } from './events.js';
import { mayHearQualification } from './policies.js';
import { HAZARD_CREATED, HAZARD_UPDATED } from '../hazards/events.js';
import { qualificationStepKinds } from './step-kinds.js';
import { registerStepKinds } from '../flows/step-kinds.js';

export { seedQualifications } from './demo.js';
export { QualificationStore } from './store.js';
export { checkSummary } from './service.js';

/**
 * Operator qualifications (C1, 人事部's lens on a shared hazard record): certificates, equipment
 * requirements and operators; a hazard about equipment gets a qualification check that HR confirms.
 */
export const qualificationsModule = defineModule({
  name: 'qualifications',
  migrations: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(p, api) {
    const service = new QualificationService(p);
    qualificationRoutes(api, service);
    registerStepKinds(p, qualificationStepKinds(service));

    const audience = (event: { payload: Record<string, unknown> }, actor: Parameters<typeof mayHearQualification>[0]) =>
      mayHearQualification(actor, event.payload as unknown as QualificationEventPayload);
    p.bus.pushTo(QUALIFICATION_CREATED, audience);
    p.bus.pushTo(QUALIFICATION_UPDATED, audience);

    // One entry, every department: a hazard about equipment becomes 人事部's qualification check.
    // Also on an edit (hazard.updated without a loop action), for equipment added after the report (idempotent: one check per hazard).
    p.bus.on(HAZARD_CREATED, 'qualifications.check-on-report', async (w, event) => {
      if (event.subjectId) await service.checkForHazard(w, event.subjectId);
    });
    p.bus.on(HAZARD_UPDATED, 'qualifications.check-on-update', async (w, event) => {
      // an edit (equipment added or changed), not a step of the closed loop
      if (event.subjectId && !event.payload.action) await service.checkForHazard(w, event.subjectId);
    });
  },
});
