import { describe, expect, it } from 'vitest';
import {
  addCounts, densityLevel, emptyInputs, kpiAvailable, kpiFigure, kpiFiltered, targetProblem, trendValues, type KpiInputs,
} from './compute.js';
import { KPIS, KPI_KEYS, formatKpi, type KpiKey } from './kpis.js';

/** Inputs with only the given parts set. */
function inputs(p: Partial<{ [K in keyof KpiInputs]: Partial<KpiInputs[K]> }> = {}): KpiInputs {
  const base = emptyInputs();
  return {
    hazards: { ...base.hazards, ...p.hazards },
    tasks: { ...base.tasks, ...p.tasks },
    actions: { ...base.actions, ...p.actions },
    compliance: { ...base.compliance, ...p.compliance },
    fire: { ...base.fire, ...p.fire },
    satisfaction: { ...base.satisfaction, ...p.satisfaction },
    openMajor: (p.openMajor as number | null | undefined) ?? null,
  };
}

const shown = (key: KpiKey, i: KpiInputs) => formatKpi(KPIS[key].unit, kpiFigure(key, i).value);

describe('KPI formulas', () => {
  it('rectification rate = closed ÷ reported', () => {
    const f = kpiFigure('rectification_rate', inputs({ hazards: { reported: 8, closed: 6 } }));
    expect(f).toEqual({ value: 75, numerator: 6, denominator: 8 });
    expect(shown('rectification_rate', inputs({ hazards: { reported: 8, closed: 6 } }))).toBe('75.0%');
  });

  it('on-time rate = closed on time ÷ closed with a deadline (closed without a deadline do not count)', () => {
    const i = inputs({ hazards: { reported: 10, closed: 9, closedWithDeadline: 8, closedOnTime: 6 } });
    expect(kpiFigure('on_time_rate', i)).toEqual({ value: 75, numerator: 6, denominator: 8 });
  });

  it('response time = mean hours over the tasks that were answered', () => {
    // three answered tasks: 60 + 120 + 360 minutes → 3 h on average; unanswered ones do not count
    const i = inputs({ tasks: { tasks: 5, responded: 3, responseMinutes: 540 } });
    expect(kpiFigure('response_hours', i)).toEqual({ value: 3, numerator: 9, denominator: 3 });
    expect(shown('response_hours', i)).toBe('3.0 h');
  });

  it('first-pass rate = done without rejection ÷ done', () => {
    expect(kpiFigure('first_pass_rate', inputs({ tasks: { tasks: 7, done: 4, firstPass: 3 } }))).toEqual({ value: 75, numerator: 3, denominator: 4 });
  });

  it('automation rate = actions with no person acting ÷ all actions', () => {
    expect(kpiFigure('automation_rate', inputs({ actions: { actions: 40, automated: 30 } }))).toEqual({ value: 75, numerator: 30, denominator: 40 });
  });

  it('exception rate = overdue or sent back ÷ tasks, cancelled tasks left out', () => {
    const i = inputs({ tasks: { tasks: 12, cancelled: 2, exceptions: 3 } });
    expect(kpiFigure('exception_rate', i)).toEqual({ value: 30, numerator: 3, denominator: 10 });
    // never above 100 % when cancelled tasks had gone overdue first
    expect(kpiFigure('exception_rate', inputs({ tasks: { tasks: 3, cancelled: 2, exceptions: 3 } })).value).toBe(100);
  });

  it('accident rate has no source: unavailable, always "—"', () => {
    expect(kpiAvailable('accident_rate')).toBe(false);
    expect(kpiFigure('accident_rate', inputs({ hazards: { reported: 5 } }))).toEqual({ value: null, numerator: null, denominator: null });
    expect(shown('accident_rate', inputs())).toBe('—');
  });

  it('compliance pass rate = checks with every operator qualified ÷ confirmed checks', () => {
    expect(kpiFigure('compliance_pass_rate', inputs({ compliance: { checks: 20, passed: 19 } }))).toEqual({ value: 95, numerator: 19, denominator: 20 });
  });

  it('fire equipment intact rate = in service with no open hazard ÷ in service', () => {
    const i = inputs({ fire: { total: 50, intact: 48 } });
    expect(kpiFigure('fire_equipment_intact_rate', i)).toEqual({ value: 96, numerator: 48, denominator: 50 });
    expect(shown('fire_equipment_intact_rate', i)).toBe('96.0%');
  });

  it('open major hazards: the live count when given, else the cohort count; zero is a value, not "—"', () => {
    expect(kpiFigure('open_major_hazards', inputs({ hazards: { openMajor: 2 }, openMajor: 5 })).value).toBe(5);
    expect(kpiFigure('open_major_hazards', inputs({ hazards: { openMajor: 2 } })).value).toBe(2);
    expect(shown('open_major_hazards', inputs())).toBe('0');
  });

  it('satisfaction = mean of every answer', () => {
    const i = inputs({ satisfaction: { sum: 17, count: 4 } });
    expect(kpiFigure('satisfaction', i)).toEqual({ value: 4.25, numerator: 17, denominator: 4 });
    expect(shown('satisfaction', i)).toBe('4.25');
  });

  it('an empty period gives null and "—" for every ratio and mean (no division by zero)', () => {
    const empty = inputs();
    for (const key of KPI_KEYS) {
      const f = kpiFigure(key, empty);
      if (key === 'open_major_hazards') {
        expect(f.value).toBe(0);
        continue;
      }
      expect(f.value, key).toBeNull();
      expect(Number.isNaN(f.value), key).toBe(false);
      expect(shown(key, empty), key).toBe('—');
    }
  });

  it('every rate stays within 0–100 on consistent counts', () => {
    const i = inputs({
      hazards: { reported: 3, closed: 3, closedWithDeadline: 3, closedOnTime: 3 },
      tasks: { tasks: 4, done: 4, firstPass: 4, exceptions: 4 },
      actions: { actions: 1, automated: 1 },
      compliance: { checks: 1, passed: 1 },
      fire: { total: 1, intact: 1 },
    });
    for (const key of KPI_KEYS.filter((k) => KPIS[k].unit === 'percent')) expect(kpiFigure(key, i).value, key).toBe(100);
  });
});

describe('filters, trends, density, targets', () => {
  it('a filter a KPI cannot apply is flagged', () => {
    expect(kpiFiltered('rectification_rate', { departmentId: 'd', areaId: 'a' })).toBe(true);
    expect(kpiFiltered('automation_rate', { departmentId: 'd' })).toBe(false);
    expect(kpiFiltered('automation_rate', {})).toBe(true);
    expect(kpiFiltered('response_hours', { departmentId: 'd' })).toBe(true);
    expect(kpiFiltered('response_hours', { areaId: 'a' })).toBe(false);
    expect(kpiFiltered('compliance_pass_rate', { areaId: 'a' })).toBe(true);
  });

  it('trend values per month, the previous period aligned by position, null for empty months', () => {
    const byMonth: Record<string, KpiInputs> = {
      '2026-01': inputs({ hazards: { reported: 4, closed: 2 } }),
      '2026-04': inputs({ hazards: { reported: 2, closed: 2 } }),
      '2026-06': inputs({ hazards: { reported: 5, closed: 4 } }),
    };
    const t = trendValues('rectification_rate', ['2026-04', '2026-05', '2026-06'], ['2026-01', '2026-02', '2026-03'], (m) => byMonth[m] ?? inputs());
    expect(t.values).toEqual([100, null, 80]);
    expect(t.previous).toEqual([50, null, null]);
    expect(trendValues('accident_rate', ['2026-04'], ['2026-03'], () => inputs()).values).toEqual([null]);
  });

  it('counts add up field by field', () => {
    expect(addCounts({ a: 1, b: 2 }, { a: 3 })).toEqual({ a: 4, b: 2 });
  });

  it('density levels are quarters of the maximum', () => {
    expect(densityLevel(0, 10)).toBe(0);
    expect(densityLevel(1, 10)).toBe(1);
    expect(densityLevel(3, 10)).toBe(2);
    expect(densityLevel(6, 10)).toBe(3);
    expect(densityLevel(10, 10)).toBe(4);
    expect(densityLevel(0, 0)).toBe(0);
  });

  it('targets fit their unit', () => {
    expect(targetProblem('percent', 95)).toBeNull();
    expect(targetProblem('percent', 101)).not.toBeNull();
    expect(targetProblem('hours', -1)).not.toBeNull();
    expect(targetProblem('count', 0)).toBeNull();
    expect(targetProblem('count', 1.5)).not.toBeNull();
    expect(targetProblem('score', 0.5)).not.toBeNull();
    expect(targetProblem('score', 4.5)).toBeNull();
  });
});
