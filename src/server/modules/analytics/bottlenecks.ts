import type { Actor } from '../../platform/access.js';
import type { Platform } from '../../platform/platform.js';
import type { BottleneckView, DashboardQuery } from './views.js';

/** Bottleneck analysis per process (stub: the bottleneck work item builds it). */
export class BottleneckService {
  constructor(readonly p: Platform) {}

  async analyse(_actor: Actor, _q: DashboardQuery & { templateId?: string }): Promise<BottleneckView> {
    throw new Error('not built yet');
  }
}
