import { describe, expect, it } from 'vitest';
import { medianReportsPerMember, rankByScore, reportingPart, SCORE_WEIGHTS, scoreDepartments, subScores, weightedScore, type DepartmentBasis } from './scores.js';

const basis = (b: Partial<DepartmentBasis>): DepartmentBasis => ({
  departmentId: 'd',
  departmentName: 'd',
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
  members: 0,
  ...b,
});

describe('department sub-scores', () => {
  it('combines tasks and hazards in timeliness and completeness', () => {
    const s = subScores(basis({ tasks: 10, onTime: 8, hazardsWithDeadline: 10, hazardsOnTime: 6, done: 8, firstPass: 6, hazardsClosed: 12, hazardsFirstPass: 12 }), null);
    expect(s.timeliness).toBe(70);
    expect(s.completeness).toBe(90);
  });

  it('blends response and reporting against the company median in participation', () => {
    const s = subScores(basis({ tasks: 10, responded: 9, hazardsReported: 5, members: 10 }), 1);
    // response 0.9, reporting 0.5/1 = 0.5 → 70
    expect(s.participation).toBe(70);
    expect(reportingPart(basis({ hazardsReported: 30, members: 10 }), 1)).toBe(1);
    expect(reportingPart(basis({ hazardsReported: 0, members: 10 }), 0)).toBeNull();
    expect(reportingPart(basis({ hazardsReported: 1, members: 10 }), 0)).toBe(1);
    expect(reportingPart(basis({ hazardsReported: 1, members: 0 }), 1)).toBeNull();
  });

  it('weights 40/30/30 and spreads the weight of a missing sub-score', () => {
    expect(SCORE_WEIGHTS.timeliness + SCORE_WEIGHTS.completeness + SCORE_WEIGHTS.participation).toBe(100);
    expect(weightedScore({ timeliness: 100, completeness: 50, participation: 0 })).toBe(55);
    expect(weightedScore({ timeliness: 80, completeness: null, participation: 60 })).toBe(round1((80 * 40 + 60 * 30) / 70));
  });

  it('has nothing to say about an empty department: nulls, no division by zero', () => {
    const s = subScores(basis({}), null);
    expect(s).toEqual({ timeliness: null, completeness: null, participation: null, score: null });
  });

  it('takes the median reports per member over departments with members', () => {
    expect(medianReportsPerMember([basis({ hazardsReported: 2, members: 2 }), basis({ hazardsReported: 6, members: 2 }), basis({ hazardsReported: 9, members: 0 })])).toBe(2);
    expect(medianReportsPerMember([])).toBeNull();
  });
});

describe('ranking', () => {
  it('ranks by score, ties share a rank, no score last', () => {
    const r = rankByScore([
      { departmentName: 'a', score: 70 },
      { departmentName: 'b', score: null },
      { departmentName: 'c', score: 90 },
      { departmentName: 'd', score: 70 },
    ]);
    expect(r.map((x) => [x.departmentName, x.rank])).toEqual([
      ['c', 1],
      ['a', 2],
      ['d', 2],
      ['b', 4],
    ]);
  });

  it('scores a whole company', () => {
    const all = scoreDepartments([
      basis({ departmentId: 'a', tasks: 4, onTime: 4, responded: 4, members: 2, hazardsReported: 2 }),
      basis({ departmentId: 'b', tasks: 2, onTime: 2, responded: 2, members: 2 }),
      basis({ departmentId: 'c', members: 0 }),
    ]);
    expect(all[0].score).toBe(100);
    // b answered all its tasks but its area had no hazards while the median department's had: reporting 0 → participation 50.
    expect(all[1]).toMatchObject({ timeliness: 100, completeness: null, participation: 50 });
    // c had neither tasks nor hazards: nothing to measure.
    expect(all[2].score).toBeNull();
  });
});

function round1(x: number) {
  return Math.round(x * 10) / 10;
}
