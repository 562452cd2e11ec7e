import type { ModuleDefinition } from '../platform/module.js';
import { orgModule } from './org/index.js';
import { notificationsModule } from './notifications/index.js';
import { hazardsModule } from './hazards/index.js';
import { standardsModule } from './standards/index.js';
import { qualificationsModule } from './qualifications/index.js';
import { repairsModule } from './repairs/index.js';
import { departmentsViewModule } from './departments-view/index.js';
import { qrcodesModule } from './qrcodes/index.js';
import { risksModule } from './risks/index.js';
import { flowsModule } from './flows/index.js';
import { warningsModule } from './warnings/index.js';
import { sensorsModule } from './sensors/index.js';
import { analyticsModule } from './analytics/index.js';
import { surveysModule } from './surveys/index.js';
import { reportsModule } from './reports/index.js';
import { commsModule } from './comms/index.js';

/** Every module of the system, in registration order. */
export const MODULES: ModuleDefinition[] = [orgModule, notificationsModule, standardsModule, hazardsModule,
  qualificationsModule, repairsModule, departmentsViewModule, qrcodesModule, risksModule, flowsModule,
  warningsModule, sensorsModule, analyticsModule, surveysModule, reportsModule, commsModule];
