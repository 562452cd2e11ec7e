import { describe, expect, it } from 'vitest';
import { formatExpires, instructionsFor, matchRules, renderInstruction, unknownPlaceholders, type LinkageRuleDef, type WarningFacts } from './rules.js';

const facts: WarningFacts = {
  sourceKind: 'cap',
  eventType: 'rainstorm',
  color: 'orange',
  areaId: null,
  event: '暴雨',
  headline: '杭州市气象台发布暴雨橙色预警信号',
  areaDesc: '杭州市萧山区',
  expires: '2026-07-22T14:30:00+08:00',
};

function rule(id: string, over: Partial<Omit<LinkageRuleDef, 'when'>> & { when?: Partial<LinkageRuleDef['when']> } = {}): LinkageRuleDef {
  const { when, ...rest } = over;
  return {
    id,
    name: `rule ${id}`,
    enabled: true,
    instruct: [{ departmentId: 'ops', instruction: `${id}: {{event}}{{color}}预警` }],
    responseHours: 4,
    escalateAfterHours: 2,
    raiseHazard: false,
    flowTemplateKey: null,
    ...rest,
    when: { sourceKinds: [], eventTypes: [], minColor: 'blue', areaIds: [], ...when },
  };
}
const ids = (rs: LinkageRuleDef[]) => rs.map((r) => r.id);

describe('matchRules', () => {
  it('empty conditions match anything', () => {
    expect(ids(matchRules([rule('any')], facts))).toEqual(['any']);
  });

  it('filters by source kind and event type', () => {
    const rules = [
      rule('cap', { when: { sourceKinds: ['cap'] } }),
      rule('sensor', { when: { sourceKinds: ['sensor', 'manual'] } }),
      rule('rain', { when: { eventTypes: ['rainstorm', 'typhoon'] } }),
      rule('heat', { when: { eventTypes: ['heat'] } }),
    ];
    expect(ids(matchRules(rules, facts))).toEqual(['cap', 'rain']);
    expect(ids(matchRules(rules, { ...facts, sourceKind: 'manual', eventType: 'heat' }))).toEqual(['sensor', 'heat']);
  });

  it('needs at least the minimum colour', () => {
    const rules = [rule('blue+', { when: { minColor: 'blue' } }), rule('orange+', { when: { minColor: 'orange' } }), rule('red', { when: { minColor: 'red' } })];
    expect(ids(matchRules(rules, facts))).toEqual(['blue+', 'orange+']);
    expect(ids(matchRules(rules, { ...facts, color: 'red' }))).toEqual(['blue+', 'orange+', 'red']);
    expect(ids(matchRules(rules, { ...facts, color: 'blue' }))).toEqual(['blue+']);
  });

  it('an area rule meets warnings in its areas and site-wide warnings, not other areas', () => {
    const rules = [rule('warehouse', { when: { areaIds: ['a-warehouse', 'a-yard'] } }), rule('anywhere')];
    expect(ids(matchRules(rules, { ...facts, areaId: 'a-yard' }))).toEqual(['warehouse', 'anywhere']);
    expect(ids(matchRules(rules, { ...facts, areaId: 'a-office' }))).toEqual(['anywhere']);
    expect(ids(matchRules(rules, { ...facts, areaId: null }))).toEqual(['warehouse', 'anywhere']);
  });

  it('skips disabled rules', () => {
    expect(ids(matchRules([rule('off', { enabled: false }), rule('on')], facts))).toEqual(['on']);
  });
});

describe('instructionsFor', () => {
  it('gives one instruction per department in the order met', () => {
    const r = rule('r1', {
      instruct: [
        { departmentId: 'ops', instruction: '巡查排水' },
        { departmentId: 'security', instruction: '封闭地下车库' },
      ],
    });
    expect(instructionsFor([r], facts)).toEqual([
      { departmentId: 'ops', instruction: '巡查排水', ruleIds: ['r1'], responseHours: 4, escalateAfterHours: 2 },
      { departmentId: 'security', instruction: '封闭地下车库', ruleIds: ['r1'], responseHours: 4, escalateAfterHours: 2 },
    ]);
  });

  it('merges rules naming the same department: texts joined once each, shortest deadlines', () => {
    const rules = [
      rule('slow', { responseHours: 8, escalateAfterHours: 1, instruct: [{ departmentId: 'ops', instruction: '巡查排水' }] }),
      rule('fast', { responseHours: 1, escalateAfterHours: 4, instruct: [{ departmentId: 'ops', instruction: '转移低洼物资' }, { departmentId: 'hse', instruction: '值班' }] }),
      rule('dup', { responseHours: 6, escalateAfterHours: 6, instruct: [{ departmentId: 'ops', instruction: '巡查排水' }] }),
      rule('off', { enabled: false, responseHours: 0, instruct: [{ departmentId: 'ops', instruction: '不应出现' }] }),
      rule('red-only', { when: { minColor: 'red' }, instruct: [{ departmentId: 'ops', instruction: '停工' }] }),
    ];
    expect(instructionsFor(rules, facts)).toEqual([
      { departmentId: 'ops', instruction: '巡查排水\n转移低洼物资', ruleIds: ['slow', 'fast', 'dup'], responseHours: 1, escalateAfterHours: 1 },
      { departmentId: 'hse', instruction: '值班', ruleIds: ['fast'], responseHours: 1, escalateAfterHours: 4 },
    ]);
  });

  it('renders templates with the warning facts', () => {
    expect(instructionsFor([rule('r')], facts)[0].instruction).toBe('r: 暴雨橙色预警');
  });

  it('gives nothing when no rule matches', () => {
    expect(instructionsFor([rule('red', { when: { minColor: 'red' } })], facts)).toEqual([]);
    expect(instructionsFor([], facts)).toEqual([]);
  });
});

describe('renderInstruction', () => {
  it('fills every placeholder', () => {
    const t = '{{headline}}：{{area}}出现{{event}}{{color}}（{{level}}级）预警，有效至{{expires}}。';
    expect(renderInstruction(t, facts)).toBe('杭州市气象台发布暴雨橙色预警信号：杭州市萧山区出现暴雨橙色（II级）预警，有效至2026-07-22 14:30。');
  });

  it('tolerates spaces inside braces and leaves unknown placeholders visible', () => {
    expect(renderInstruction('{{ event }}/{{colour}}/{{constructor}}', facts)).toBe('暴雨/{{colour}}/{{constructor}}');
    expect(unknownPlaceholders('{{ event }} {{colour}} {{colour}} {{ expires}} {{x}}')).toEqual(['colour', 'x']);
  });

  it('falls back to the event label and says when there is no expiry', () => {
    expect(renderInstruction('{{event}} {{expires}}', { ...facts, event: '', eventType: 'road_icing', expires: null })).toBe('道路结冰 未定');
    expect(formatExpires('tomorrow')).toBe('tomorrow');
  });
});
