import type { Api } from '../../platform/module.js';
import type { Platform } from '../../platform/platform.js';

/** Bottleneck analysis and department scores. */
export function bottleneckRoutes(_api: Api, _p: Platform): void {}
