import { fileURLToPath } from 'node:url';
import { defineModule } from '../../platform/module.js';
import { StandardsService } from './service.js';
import { standardsRoutes } from './routes.js';
import { MAPPING_CHANGED, STANDARDS_UPDATED } from './events.js';
import { canManageStandards } from './policies.js';

/**
 * Unified standards library (C2): versioned standards per tenant, one evaluation path
 * (src/core/standards) enforced here and previewed in the web, and department intake mappings
 * checked against the current version (compatibility scan).
 *
 * Other modules use `currentStandards(work)` / `evaluateStandard(work, …)` inside their own unit
 * of work and store the version they graded with.
 */
export { currentStandards, standardsVersion, evaluateStandard, type CurrentStandards } from './service.js';
export { seedStandards } from './demo.js';

export const standardsModule = defineModule({
  name: 'standards',
  migrations: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(p, api) {
    const service = new StandardsService(p);
    standardsRoutes(api, service);
    // Everyone grades with the standards: all users of the tenant hear of a new version.
    p.bus.pushTo(STANDARDS_UPDATED, () => true);
    p.bus.pushTo(MAPPING_CHANGED, (_event, actor) => canManageStandards(actor));
  },
});
