import { describe, expect, it } from 'vitest';
import { DEFAULT_STANDARDS as doc } from './defaults.js';
import { evaluate, lecBandOf, StandardsInputError, tryEvaluate } from './evaluate.js';
import type { StandardsDocument } from './types.js';

const lec = (l: number, e: number, c: number) => evaluate('lec', { l, e, c }, doc);
const ls = (l: number, s: number) => evaluate('ls', { l, s }, doc);
const grade = (potentialDeaths: number, directLossYuan: number) => evaluate('hazard-grade', { potentialDeaths, directLossYuan }, doc);
const accident = (deaths: number, seriousInjuries: number, directLossYuan: number) =>
  evaluate('accident-level', { deaths, seriousInjuries, directLossYuan }, doc);
const issuesOf = (kind: string, input: unknown, d: StandardsDocument = doc) => {
  const r = tryEvaluate(kind, input, d);
  return r.ok ? [] : r.issues;
};

describe('LEC: D = L × E × C', () => {
  it('bands at every edge: D ≤ 20 稍有, 20 < D ≤ 70 一般, 70 < D ≤ 160 显著, 160 < D ≤ 320 高度, D > 320 极其', () => {
    const at = (d: number) => lecBandOf(doc.lec.bands, d)?.label;
    expect(at(0.05)).toBe('稍有危险');
    expect(at(20)).toBe('稍有危险');
    expect(at(20.000001)).toBe('一般危险');
    expect(at(70)).toBe('一般危险');
    expect(at(70.000001)).toBe('显著危险');
    expect(at(160)).toBe('显著危险');
    expect(at(160.000001)).toBe('高度危险');
    expect(at(320)).toBe('高度危险');
    expect(at(320.000001)).toBe('极其危险');
    expect(at(10000)).toBe('极其危险');
  });

  it('scores and colours from real factor values on both sides of each edge', () => {
    expect(lec(10, 2, 1)).toEqual({ level: 'slight', label: '稍有危险', color: 'blue', score: 20, riskLevel: 'low', basis: doc.lec.basis });
    expect(lec(6, 0.5, 7)).toEqual({ level: 'possible', label: '一般危险', color: 'blue', score: 21, riskLevel: 'low', basis: doc.lec.basis });
    expect(lec(10, 1, 7)).toMatchObject({ label: '一般危险', score: 70 });
    expect(lec(10, 0.5, 15)).toMatchObject({ label: '显著危险', color: 'yellow', score: 75, riskLevel: 'general' });
    expect(lec(10, 1, 15)).toMatchObject({ label: '显著危险', score: 150 });
    expect(lec(10, 6, 3)).toMatchObject({ label: '高度危险', color: 'orange', score: 180, riskLevel: 'significant' });
    expect(lec(10, 10, 3)).toMatchObject({ label: '高度危险', score: 300 });
    expect(lec(3, 3, 40)).toMatchObject({ label: '极其危险', color: 'red', score: 360, riskLevel: 'major' });
    expect(lec(10, 10, 100)).toMatchObject({ level: 'extreme', score: 10000 });
  });

  it('multiplies decimal factors without binary noise', () => {
    expect(lec(0.1, 3, 7).score).toBe(2.1);
    expect(lec(0.2, 0.5, 1).score).toBe(0.1);
  });

  it('accepts only the values of each factor set, naming the field', () => {
    expect(issuesOf('lec', { l: 4, e: 6, c: 7 })).toEqual([expect.objectContaining({ path: 'l' })]);
    expect(issuesOf('lec', { l: 10, e: 7, c: 7 })).toEqual([expect.objectContaining({ path: 'e' })]);
    expect(issuesOf('lec', { l: 10, e: 6, c: 50 })).toEqual([expect.objectContaining({ path: 'c' })]);
    expect(issuesOf('lec', { l: 10, e: 6 })).toEqual([expect.objectContaining({ path: 'c', message: 'required' })]);
    expect(issuesOf('lec', { l: '10', e: 6, c: 7 })).toEqual([expect.objectContaining({ path: 'l' })]);
    expect(issuesOf('lec', { l: 10, e: 6, c: 7, x: 1 })).toEqual([expect.objectContaining({ path: 'x' })]);
  });
});

describe('LS: R = L × S', () => {
  it('default bands on both sides of each edge: 1–8 蓝, 9–12 黄, 15–16 橙, 20–25 红', () => {
    expect(ls(1, 1)).toEqual({ level: 'low', label: '低风险', color: 'blue', score: 1, riskLevel: 'low', basis: doc.ls.basis });
    expect(ls(2, 4)).toMatchObject({ color: 'blue', score: 8 });
    expect(ls(3, 3)).toMatchObject({ level: 'general', label: '一般风险', color: 'yellow', score: 9 });
    expect(ls(3, 4)).toMatchObject({ color: 'yellow', score: 12 });
    expect(ls(3, 5)).toMatchObject({ level: 'significant', label: '较大风险', color: 'orange', score: 15 });
    expect(ls(4, 4)).toMatchObject({ color: 'orange', score: 16 });
    expect(ls(4, 5)).toMatchObject({ level: 'major', label: '重大风险', color: 'red', score: 20 });
    expect(ls(5, 5)).toMatchObject({ color: 'red', score: 25 });
  });

  it('every cell of the 5×5 matrix falls in a band', () => {
    for (let l = 1; l <= 5; l++) for (let s = 1; s <= 5; s++) expect(ls(l, s).score).toBe(l * s);
  });

  it('bands are the tenant’s: a stricter matrix moves R = 12 to orange', () => {
    const strict: StandardsDocument = {
      ...doc,
      ls: { ...doc.ls, bands: [{ level: 'major', min: 16, max: 25 }, { level: 'significant', min: 12, max: 15 }, { level: 'general', min: 6, max: 10 }, { level: 'low', min: 1, max: 5 }] },
    };
    expect(evaluate('ls', { l: 3, s: 4 }, strict)).toMatchObject({ color: 'orange', score: 12 });
    expect(evaluate('ls', { l: 4, s: 4 }, strict)).toMatchObject({ color: 'red', score: 16 });
  });

  it('L and S are 1–5', () => {
    expect(issuesOf('ls', { l: 0, s: 3 })).toEqual([expect.objectContaining({ path: 'l' })]);
    expect(issuesOf('ls', { l: 3, s: 6 })).toEqual([expect.objectContaining({ path: 's' })]);
    expect(issuesOf('ls', { l: 2.5, s: 2 })).toEqual([expect.objectContaining({ path: 'l' })]);
  });
});

describe('重大隐患: may cause ≥ 1 death or ≥ 500,000 CNY direct loss', () => {
  it('deaths: 0 is 一般, 1 is 重大', () => {
    expect(grade(0, 0)).toEqual({ level: 'general', label: '一般隐患', color: 'yellow', basis: doc.hazardGrade.basis });
    expect(grade(1, 0)).toEqual({ level: 'major', label: '重大隐患', color: 'red', basis: doc.hazardGrade.basis });
  });
  it('loss: 499,999.99 is 一般, 500,000 is 重大', () => {
    expect(grade(0, 499_999.99)).toMatchObject({ level: 'general' });
    expect(grade(0, 500_000)).toMatchObject({ level: 'major' });
  });
  it('either figure alone is enough', () => {
    expect(grade(3, 10)).toMatchObject({ level: 'major' });
    expect(grade(0, 2_000_000)).toMatchObject({ level: 'major' });
  });
  it('the thresholds are the tenant’s', () => {
    const stricter = { ...doc, hazardGrade: { ...doc.hazardGrade, major: { minDeaths: 1, minDirectLossYuan: 200_000 } } };
    expect(evaluate('hazard-grade', { potentialDeaths: 0, directLossYuan: 200_000 }, stricter)).toMatchObject({ level: 'major' });
  });
  it('rejects negative counts, fractions and missing figures', () => {
    expect(issuesOf('hazard-grade', { potentialDeaths: -1, directLossYuan: 0 })).toEqual([expect.objectContaining({ path: 'potentialDeaths' })]);
    expect(issuesOf('hazard-grade', { potentialDeaths: 0.5, directLossYuan: 0 })).toEqual([expect.objectContaining({ path: 'potentialDeaths' })]);
    expect(issuesOf('hazard-grade', { potentialDeaths: 0, directLossYuan: -5 })).toEqual([expect.objectContaining({ path: 'directLossYuan' })]);
    expect(issuesOf('hazard-grade', { potentialDeaths: 0 })).toEqual([expect.objectContaining({ path: 'directLossYuan' })]);
  });
});

describe('accident levels (国务院令第493号 Art. 3): "以上" includes, "以下" excludes', () => {
  const level = (d: number, i: number, y: number) => accident(d, i, y).label;
  it('deaths: 2 一般 / 3 较大 / 9 较大 / 10 重大 / 29 重大 / 30 特别重大', () => {
    expect(level(0, 0, 0)).toBe('一般');
    expect(level(2, 0, 0)).toBe('一般');
    expect(level(3, 0, 0)).toBe('较大');
    expect(level(9, 0, 0)).toBe('较大');
    expect(level(10, 0, 0)).toBe('重大');
    expect(level(29, 0, 0)).toBe('重大');
    expect(level(30, 0, 0)).toBe('特别重大');
  });
  it('serious injuries: 9 / 10 / 49 / 50 / 99 / 100', () => {
    expect(level(0, 9, 0)).toBe('一般');
    expect(level(0, 10, 0)).toBe('较大');
    expect(level(0, 49, 0)).toBe('较大');
    expect(level(0, 50, 0)).toBe('重大');
    expect(level(0, 99, 0)).toBe('重大');
    expect(level(0, 100, 0)).toBe('特别重大');
  });
  it('direct loss: below / at 1000万, 5000万, 1亿', () => {
    expect(level(0, 0, 9_999_999.99)).toBe('一般');
    expect(level(0, 0, 10_000_000)).toBe('较大');
    expect(level(0, 0, 49_999_999)).toBe('较大');
    expect(level(0, 0, 50_000_000)).toBe('重大');
    expect(level(0, 0, 99_999_999)).toBe('重大');
    expect(level(0, 0, 100_000_000)).toBe('特别重大');
  });
  it('the highest level any figure reaches wins', () => {
    expect(level(1, 60, 0)).toBe('重大');
    expect(level(3, 0, 100_000_000)).toBe('特别重大');
    expect(level(2, 9, 10_000_000)).toBe('较大');
  });
  it('colours: 特别重大 red, 重大 orange, 较大 yellow, 一般 blue', () => {
    expect(accident(30, 0, 0)).toEqual({ level: 'especially_major', label: '特别重大', color: 'red', basis: doc.accidentLevels.basis });
    expect(accident(10, 0, 0)).toEqual({ level: 'major', label: '重大', color: 'orange', basis: doc.accidentLevels.basis });
    expect(accident(3, 0, 0)).toEqual({ level: 'larger', label: '较大', color: 'yellow', basis: doc.accidentLevels.basis });
    expect(accident(0, 0, 0)).toEqual({ level: 'general', label: '一般', color: 'blue', basis: doc.accidentLevels.basis });
  });
  it('rejects negative or fractional counts', () => {
    expect(issuesOf('accident-level', { deaths: -1, seriousInjuries: 0, directLossYuan: 0 })).toEqual([expect.objectContaining({ path: 'deaths' })]);
    expect(issuesOf('accident-level', { deaths: 0, seriousInjuries: 1.5, directLossYuan: 0 })).toEqual([expect.objectContaining({ path: 'seriousInjuries' })]);
  });
});

describe('weather-warning levels and the four colours', () => {
  it('blue Ⅳ, yellow Ⅲ, orange Ⅱ, red Ⅰ', () => {
    expect(evaluate('weather-level', { color: 'blue' }, doc)).toEqual({ level: 'IV', label: 'Ⅳ级', color: 'blue', basis: doc.weatherLevels.basis });
    expect(evaluate('weather-level', { color: 'yellow' }, doc)).toEqual({ level: 'III', label: 'Ⅲ级', color: 'yellow', basis: doc.weatherLevels.basis });
    expect(evaluate('weather-level', { color: 'orange' }, doc)).toEqual({ level: 'II', label: 'Ⅱ级', color: 'orange', basis: doc.weatherLevels.basis });
    expect(evaluate('weather-level', { color: 'red' }, doc)).toEqual({ level: 'I', label: 'Ⅰ级', color: 'red', basis: doc.weatherLevels.basis });
    expect(issuesOf('weather-level', { color: 'green' })).toEqual([expect.objectContaining({ path: 'color' })]);
  });
  it('重大/较大/一般/低 = red/orange/yellow/blue', () => {
    expect(doc.fourColours.levels.map((x) => [x.label, x.color])).toEqual([
      ['重大风险', 'red'],
      ['较大风险', 'orange'],
      ['一般风险', 'yellow'],
      ['低风险', 'blue'],
    ]);
  });
});

describe('evaluate()', () => {
  it('throws StandardsInputError with the issues; an unknown kind is a kind issue', () => {
    expect(() => evaluate('ls', { l: 9, s: 1 }, doc)).toThrow(StandardsInputError);
    try {
      evaluate('ls', {}, doc);
    } catch (e) {
      expect((e as StandardsInputError).issues.map((i) => i.path)).toEqual(['l', 's']);
    }
    expect(issuesOf('nope', {})).toEqual([expect.objectContaining({ path: 'kind' })]);
    expect(issuesOf('ls', null)).toEqual([expect.objectContaining({ path: '' })]);
  });
});
