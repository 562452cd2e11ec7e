import { fileURLToPath } from 'node:url';
import { defineModule } from '../../platform/module.js';
import { HAZARD_CREATED, HAZARD_UPDATED } from '../hazards/events.js';
import { RepairService } from './service.js';
import { repairRoutes } from './routes.js';
import { REPAIR_CREATED, REPAIR_UPDATED, type RepairEventPayload } from './events.js';
import { canViewRepair, mayHearRepair } from './policies.js';
import { hazardScopeOf } from './store.js';
import { holding } from '../../platform/files/access.js';
import { repairStepKinds } from './step-kinds.js';
import { registerStepKinds } from '../flows/step-kinds.js';

export { seedRepairs } from './demo.js';
export { RepairStore } from './store.js';
export { REPAIR_STATUS_LABELS, type RepairStatus } from './service.js';

/**
 * Repair orders (C1, 设备部's lens on a shared hazard record): a hazard about equipment becomes a
 * repair item for the equipment department, which takes it, uploads its plan and completes it.
 */
export const repairsModule = defineModule({
  name: 'repairs',
  migrations: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(p, api) {
    const service = new RepairService(p);
    // a repair plan's files are as visible as the repair order
    p.fileAccess.register('repair', async (w, actor, fileId) =>
      holding(await service.store.holdingFile(w.tx, fileId), (r) => canViewRepair(actor, { departmentId: r.department_id }, hazardScopeOf(r))),
    );
    repairRoutes(api, service);
    registerStepKinds(p, repairStepKinds(p, service));

    const audience = (event: { payload: Record<string, unknown> }, actor: Parameters<typeof mayHearRepair>[0]) =>
      mayHearRepair(actor, event.payload as unknown as RepairEventPayload);
    p.bus.pushTo(REPAIR_CREATED, audience);
    p.bus.pushTo(REPAIR_UPDATED, audience);

    // One entry, every department: a hazard about equipment becomes 设备部's repair order.
    // Also on an edit (hazard.updated without a loop action), for equipment added after the report (one order per hazard).
    p.bus.on(HAZARD_CREATED, 'repairs.order-on-report', async (w, event) => {
      if (event.subjectId) await service.orderForHazard(w, event.subjectId);
    });
    p.bus.on(HAZARD_UPDATED, 'repairs.order-on-update', async (w, event) => {
      // an edit (equipment added or changed), not a step of the closed loop
      if (event.subjectId && !event.payload.action) await service.orderForHazard(w, event.subjectId);
    });
  },
});
