import { fileURLToPath } from 'node:url';
import { defineModule } from '../../platform/module.js';
import { RiskService } from './service.js';
import { riskRoutes } from './routes.js';
import { RISK_MAP_CHANGED, RISK_POINT_CHANGED } from './events.js';

/**
 * 风险分级管控 (C3, first half of 双重预防): risk points per area, equipment or job, assessed with
 * the tenant's standards (LEC / LS) and stored with the version used; their controls, responsible
 * department and person, management level; the risk notice card (风险告知卡) with its QR code;
 * the tenant's site plan with area outlines, drawn as the four-colour risk map together with the
 * open hazards of the closed loop.
 */
export { seedRisks, sitePlanSvg } from './demo.js';
export { assessRiskPoint } from './service.js';

export const risksModule = defineModule({
  name: 'risks',
  migrations: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(p, api) {
    const service = new RiskService(p);
    // the site plan is the background of the risk map every user of the tenant sees
    p.fileAccess.register('site-plan', async (w, _actor, fileId) => ((await service.store.isSitePlanFile(w.tx, fileId)) ? 'readable' : 'none'));
    riskRoutes(api, service, p);
    // Everyone in the tenant reads risk points and the map: all of them hear of changes.
    p.bus.pushTo(RISK_POINT_CHANGED, () => true);
    p.bus.pushTo(RISK_MAP_CHANGED, () => true);
  },
});
