import type { Actor } from '../../platform/access.js';
import type { Platform } from '../../platform/platform.js';
import type { DashboardQuery, ScoresView } from './views.js';

/** Department scores and ranking (stub: the bottleneck work item builds it). */
export class ScoreService {
  constructor(readonly p: Platform) {}

  async scores(_actor: Actor, _q: DashboardQuery): Promise<ScoresView> {
    throw new Error('not built yet');
  }
}
