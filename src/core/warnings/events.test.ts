import { describe, expect, it } from 'vitest';
import { parseCap, primaryInfo, type CapInfo } from './cap.js';
import { colorOf, colorOfText, EVENT_LABELS, eventTypeOf, eventTypeOfText } from './events.js';
import { EVENT_TYPES } from './levels.js';
import { capFixture } from './test-fixtures.js';

function info(over: Partial<CapInfo> = {}): CapInfo {
  return {
    language: 'zh-CN', category: ['Met'], event: '', responseTypes: [], eventCode: [], urgency: 'Immediate', severity: 'Unknown',
    certainty: 'Observed', audience: null, effective: null, onset: null, expires: null, senderName: null, headline: '',
    description: '', instruction: '', web: null, contact: null, parameters: [], areas: [], ...over,
  };
}

function fixtureInfo(name: string): CapInfo {
  const r = parseCap(capFixture(name));
  if (!r.ok) throw new Error(name);
  return primaryInfo(r.alert)!;
}

describe('eventTypeOf', () => {
  it('classifies the fixtures by their Chinese event text', () => {
    for (const f of ['rainstorm-red-alert.xml', 'rainstorm-update.xml', 'rainstorm-cancel.xml', 'test-message.xml', 'unlisted-sender.xml']) {
      expect(eventTypeOf(fixtureInfo(f)), f).toBe('rainstorm');
    }
  });

  it('knows the fourteen signals and their usual variants', () => {
    const cases: [string, string][] = [
      ['暴雨', 'rainstorm'], ['强降雨', 'rainstorm'], ['台风', 'typhoon'], ['高温', 'heat'], ['大风', 'gale'],
      ['雷电', 'lightning'], ['雷雨大风', 'lightning'], ['寒潮', 'cold_wave'], ['暴雪', 'blizzard'], ['大雾', 'fog'],
      ['冰雹', 'hail'], ['霜冻', 'frost'], ['干旱', 'drought'], ['沙尘暴', 'dust_storm'], ['道路结冰', 'road_icing'],
      ['道路冰雪', 'road_icing'], ['霾', 'haze'], ['Heavy Rain', 'rainstorm'], ['Typhoon', 'typhoon'],
    ];
    for (const [text, type] of cases) expect(eventTypeOfText(text), text).toBe(type);
    expect(eventTypeOfText('森林火险')).toBeNull();
    expect(eventTypeOfText('wheat rust')).toBeNull();
  });

  it('uses the headline when the event is not recognised, else other', () => {
    expect(eventTypeOf(info({ event: '气象灾害', headline: '杭州市气象台发布大风蓝色预警信号' }))).toBe('gale');
    expect(eventTypeOf(info({ event: '地震' }))).toBe('other');
  });

  it('looks event codes up in a table a source may supply, then reads a code that is a name', () => {
    const coded = info({ event: '气象灾害', eventCode: [{ valueName: 'local', value: 'X07' }] });
    expect(eventTypeOf(coded)).toBe('other');
    expect(eventTypeOf(coded, { X07: 'hail' })).toBe('hail');
    expect(eventTypeOf(info({ event: '气象灾害', eventCode: [{ valueName: '预警类别', value: '冰雹' }] }))).toBe('hail');
  });

  it('has a Chinese label for every event type', () => {
    for (const t of EVENT_TYPES) expect(EVENT_LABELS[t]).toMatch(/\p{Script=Han}/u);
  });
});

describe('colorOf', () => {
  it('reads the fixtures: red alert, downgraded update, cancelled orange, yellow test', () => {
    expect(colorOf(fixtureInfo('rainstorm-red-alert.xml'))).toBe('red');
    expect(colorOf(fixtureInfo('rainstorm-update.xml'))).toBe('orange');
    expect(colorOf(fixtureInfo('rainstorm-cancel.xml'))).toBe('orange');
    expect(colorOf(fixtureInfo('test-message.xml'))).toBe('yellow');
  });

  it('prefers a colour parameter, then codes, event and headline text', () => {
    expect(colorOf(info({ parameters: [{ valueName: '颜色', value: '橙' }], headline: '暴雨红色预警', severity: 'Minor' }))).toBe('orange');
    expect(colorOf(info({ parameters: [{ valueName: 'level', value: 'III' }] }))).toBe('yellow');
    expect(colorOf(info({ parameters: [{ valueName: 'Color', value: 'Red' }] }))).toBe('red');
    expect(colorOf(info({ eventCode: [{ valueName: 'signal', value: '暴雨蓝色' }], severity: 'Extreme' }))).toBe('blue');
    expect(colorOf(info({ headline: '海淀区气象台发布大风蓝色预警[IV/一般]' }))).toBe('blue');
  });

  it('falls back to CAP severity (GB/T 35965.1), and gives null when nothing says', () => {
    expect(['Extreme', 'Severe', 'Moderate', 'Minor'].map((severity) => colorOf(info({ severity })))).toEqual(['red', 'orange', 'yellow', 'blue']);
    expect(colorOf(info({ severity: 'Unknown' }))).toBeNull();
  });

  it('reads level numerals but not wind forces or place names', () => {
    expect(colorOfText('三明市气象台发布雷电黄色预警[Ⅲ 级/较重]')).toBe('yellow');
    expect(colorOfText('发布高温预警[II级/严重]')).toBe('orange');
    expect(colorOfText('发布暴雨预警[Ⅰ级/特别严重]')).toBe('red');
    expect(colorOfText('发布寒潮预警[IV级/一般]')).toBe('blue');
    expect(colorOfText('阵风11级')).toBeNull();
    expect(colorOfText('黄浦区气象台发布大风预警')).toBeNull();
    expect(colorOfText('黄浦区气象台发布大风蓝色预警')).toBe('blue');
  });

  it('takes the colour a warning was changed to, and the more severe of two otherwise', () => {
    expect(colorOfText('将暴雨橙色预警信号降级为黄色')).toBe('yellow');
    expect(colorOfText('将暴雨黄色预警信号升级为红色')).toBe('red');
    expect(colorOfText('暴雨黄色预警，局地可达橙色标准')).toBe('orange');
  });
});
