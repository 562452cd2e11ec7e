import { requirePermission, type Actor } from '../../platform/access.js';
import type { Platform } from '../../platform/platform.js';
import type { Tx } from '../../platform/work.js';
import { previousRange, rankByScore, SCORE_WEIGHTS, scoreDepartments, type DepartmentBasis, type MonthRange } from '../../../core/analytics/index.js';
import { BottleneckStore } from './bottleneck-store.js';
import type { DashboardQuery, DepartmentScoreView, ScoresView } from './views.js';

/**
 * Department scores and the ranking the safety committee sees (C14): timeliness, completeness and
 * participation per department from the rollups of the period, the weighted score, its rank, and
 * the score of the previous period of equal length. Definitions: src/core/analytics/scores.ts.
 */
export class ScoreService {
  readonly store = new BottleneckStore();
  constructor(readonly p: Platform) {}

  async scores(actor: Actor, q: DashboardQuery): Promise<ScoresView> {
    requirePermission(actor, 'analytics.view_all');
    return this.p.read(actor, async (w) => {
      const range = { from: q.from, to: q.to };
      const departments = await this.store.departments(w.tx);
      const [current, previous] = await Promise.all([this.bases(w.tx, range, departments), this.bases(w.tx, previousRange(range), departments)]);
      const before = new Map(scoreDepartments(previous).map((d) => [d.departmentId, d.score]));
      const ranked = rankByScore(scoreDepartments(current));
      const rows: DepartmentScoreView[] = ranked.map((d) => ({
        departmentId: d.departmentId,
        departmentName: d.departmentName,
        rank: d.rank,
        timeliness: d.timeliness,
        completeness: d.completeness,
        participation: d.participation,
        score: d.score,
        previousScore: before.get(d.departmentId) ?? null,
        basis: {
          tasks: d.tasks,
          onTime: d.onTime,
          done: d.done,
          firstPass: d.firstPass,
          responded: d.responded,
          hazardsReported: d.hazardsReported,
          hazardsClosed: d.hazardsClosed,
          hazardsOnTime: d.hazardsOnTime,
        },
      }));
      return { query: range, weights: { ...SCORE_WEIGHTS }, departments: rows };
    });
  }

  /** The counts behind the scores, per department, for one period. */
  private async bases(tx: Tx, range: MonthRange, departments: { id: string; name: string; members: number }[]): Promise<DepartmentBasis[]> {
    const [tasks, hazards] = await Promise.all([this.store.tasks(tx, range), this.store.hazards(tx, range)]);
    return departments.map((d) => {
      const b: DepartmentBasis = {
        departmentId: d.id,
        departmentName: d.name,
        tasks: 0,
        onTime: 0,
        done: 0,
        firstPass: 0,
        responded: 0,
        hazardsReported: 0,
        hazardsClosed: 0,
        hazardsWithDeadline: 0,
        hazardsOnTime: 0,
        hazardsFirstPass: 0,
        members: d.members,
      };
      for (const t of tasks) {
        if (t.departmentId !== d.id) continue;
        const active = t.tasks - t.cancelled;
        b.tasks += active;
        b.onTime += Math.max(0, active - t.overdue);
        b.done += t.done;
        b.firstPass += t.firstPass;
        b.responded += t.responded;
      }
      for (const h of hazards) {
        if (h.departmentId !== d.id) continue;
        b.hazardsReported += h.reported;
        b.hazardsClosed += h.closed;
        b.hazardsWithDeadline += h.closedWithDeadline;
        b.hazardsOnTime += h.closedOnTime;
        b.hazardsFirstPass += h.firstPass;
      }
      return b;
    });
  }
}
