/**
 * What a CAP message is about (event type) and how severe (colour), for messages from China's
 * early-warning release system and from anyone else speaking CAP.
 */
import { valueOf, type CapInfo } from './cap.js';
import { COLOR_OF_LEVEL, type EventType, type WarningColor, type WarningLevel } from './levels.js';

export const EVENT_LABELS: Record<EventType, string> = {
  rainstorm: '暴雨',
  typhoon: '台风',
  heat: '高温',
  gale: '大风',
  lightning: '雷电',
  cold_wave: '寒潮',
  blizzard: '暴雪',
  fog: '大雾',
  hail: '冰雹',
  frost: '霜冻',
  drought: '干旱',
  dust_storm: '沙尘暴',
  road_icing: '道路结冰',
  haze: '霾',
  equipment: '设备异常',
  fire_lane: '消防通道占用',
  chemical_leak: '危化品泄漏',
  fire: '火情',
  other: '其他',
};

/**
 * National event codes (eventCode values such as "11B03") → event type.
 *
 * Deliberately empty: the code list of the national early-warning release system could not be
 * confirmed against a published source while this was written, and a wrong code would silently
 * mislabel warnings. Until it is, messages are classified by their Chinese text below, which every
 * real message carries (event 暴雨, headline …发布暴雨红色预警). Add codes here, with their source,
 * once verified; a source's own mapping can also be passed to `eventTypeOf`.
 */
export const EVENT_CODE_TYPES: Record<string, EventType> = {};

/**
 * Chinese (and English) wording → event type, tried in order: longer, more specific names come
 * first so 雷雨大风 is lightning rather than gale and 道路冰雪 is road icing rather than snow.
 * Names follow 中国气象局令第16号 (the 14 signals) and the variants local observatories use.
 */
export const EVENT_TEXT_PATTERNS: [RegExp, EventType][] = [
  [/台风|typhoon|tropical storm|hurricane/i, 'typhoon'],
  [/雷雨大风|雷暴大风|雷电|雷暴|thunder|lightning/i, 'lightning'],
  [/沙尘暴|沙尘|扬沙|浮尘|dust ?storm|sandstorm/i, 'dust_storm'],
  [/道路结冰|道路冰雪|road ic(e|ing)|black ice/i, 'road_icing'],
  [/暴雪|大雪|雪灾|blizzard|snow ?storm|heavy snow/i, 'blizzard'],
  [/暴雨|强降雨|强降水|rainstorm|heavy rain/i, 'rainstorm'],
  [/高温|\bheat\b/i, 'heat'],
  [/寒潮|cold wave/i, 'cold_wave'],
  [/大风|gale|high wind/i, 'gale'],
  [/大雾|浓雾|fog/i, 'fog'],
  [/冰雹|hail/i, 'hail'],
  [/霜冻|frost/i, 'frost'],
  [/干旱|drought/i, 'drought'],
  [/霾|haze|smog/i, 'haze'],
  [/泄漏|leak/i, 'chemical_leak'],
  [/火灾|火情|fire\b/i, 'fire'],
];

export function eventTypeOfText(text: string): EventType | null {
  for (const [re, type] of EVENT_TEXT_PATTERNS) if (re.test(text)) return type;
  return null;
}

/** By event code (known codes, then a code whose value is itself a name), then event text, then headline. */
export function eventTypeOf(info: CapInfo, codes: Record<string, EventType> = {}): EventType {
  const table = { ...EVENT_CODE_TYPES, ...codes };
  for (const c of info.eventCode) {
    const known = table[c.value];
    if (known) return known;
  }
  for (const text of [...info.eventCode.map((c) => c.value), info.event, info.headline]) {
    const t = eventTypeOfText(text);
    if (t) return t;
  }
  return 'other';
}

/**
 * CAP severity → colour, GB/T 35965.1-2018 Annex A (severity values): Extreme 特别严重 I 红,
 * Severe 严重 II 橙, Moderate 较重 III 黄, Minor 一般 IV 蓝. Unknown gives no colour.
 */
export const SEVERITY_COLORS: Record<string, WarningColor> = { Extreme: 'red', Severe: 'orange', Moderate: 'yellow', Minor: 'blue' };

/**
 * Colour words need the 色: bare 黄/蓝/红 occur in place names (黄浦区, 蓝田县, 红河州). When a text
 * names two colours, the more severe is taken (checked red first).
 */
const COLOR_WORDS: [RegExp, WarningColor][] = [
  [/红色|\bred\b/i, 'red'],
  [/橙色|\borange\b/i, 'orange'],
  [/黄色|\byellow\b/i, 'yellow'],
  [/蓝色|\bblue\b/i, 'blue'],
];
/**
 * Level numerals as headlines write them ("[IV级/一般]", "Ⅱ级"). Arabic digits are left out on
 * purpose: "阵风11级" is a wind force, not a warning level.
 */
const LEVEL_WORDS: [RegExp, WarningLevel][] = [
  [/(?<![A-Z])(Ⅳ|IV)\s*级/, 'IV'],
  [/(?<![A-Z])(Ⅲ|III)\s*级/, 'III'],
  [/(?<![A-Z])(Ⅱ|II)\s*级/, 'II'],
  [/(?<![A-Z])(Ⅰ|I)\s*级/, 'I'],
];
/** "将暴雨橙色预警降级为黄色": the colour after the change is the one in force. */
const CHANGED_TO = /(?:升级|降级|调整|变更|更新)为\s*(红|橙|黄|蓝)/;
const CHANGED: Record<string, WarningColor> = { 红: 'red', 橙: 'orange', 黄: 'yellow', 蓝: 'blue' };

/** A colour or level parameter may hold just "红", "red" or "II". */
const BARE_VALUES: Record<string, WarningColor> = {
  红: 'red', 橙: 'orange', 黄: 'yellow', 蓝: 'blue', red: 'red', orange: 'orange', yellow: 'yellow', blue: 'blue',
  i: 'red', ii: 'orange', iii: 'yellow', iv: 'blue', ⅰ: 'red', ⅱ: 'orange', ⅲ: 'yellow', ⅳ: 'blue',
};

export function colorOfText(text: string): WarningColor | null {
  const changed = CHANGED_TO.exec(text);
  if (changed) return CHANGED[changed[1]];
  for (const [re, c] of COLOR_WORDS) if (re.test(text)) return c;
  for (const [re, l] of LEVEL_WORDS) if (re.test(text)) return COLOR_OF_LEVEL[l];
  return null;
}

/** Parameters naming the colour or level outright, then codes, event, headline; CAP severity last. */
export function colorOf(info: CapInfo): WarningColor | null {
  const named = valueOf(info.parameters, '颜色', '预警颜色', 'color', 'colour', '级别', '预警级别', 'level', 'severityColor');
  const bare = named ? BARE_VALUES[named.trim().toLowerCase()] : undefined;
  if (bare) return bare;
  const texts = [named, ...info.eventCode.map((c) => c.value), info.event, info.headline];
  for (const t of texts) {
    const c = t ? colorOfText(t) : null;
    if (c) return c;
  }
  return SEVERITY_COLORS[info.severity] ?? null;
}
