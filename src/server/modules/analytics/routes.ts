import type { Api } from '../../platform/module.js';
import type { Platform } from '../../platform/platform.js';

/** Dashboard routes: overview, site plan density, targets. */
export function dashboardRoutes(_api: Api, _p: Platform): void {}
