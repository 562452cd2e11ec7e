/**
 * The vocabulary every part of warning linkage shares: colours and levels, event types, where a
 * warning came from.
 *
 * Colours and levels follow China's four-tier scheme for early warnings (突发事件应对法 (2007) 第四十二条;
 * 国家突发公共事件总体应急预案 3.1 预测与预警; GB/T 35965.1-2018 severity values):
 * 红色 I 级 (特别严重), 橙色 II 级 (严重), 黄色 III 级 (较重), 蓝色 IV 级 (一般).
 */

/** Ascending severity: the index is the rank, so blue < yellow < orange < red. */
export const WARNING_COLORS = ['blue', 'yellow', 'orange', 'red'] as const;
export type WarningColor = (typeof WARNING_COLORS)[number];
export type WarningLevel = 'I' | 'II' | 'III' | 'IV';

export const LEVEL_OF_COLOR: Record<WarningColor, WarningLevel> = { red: 'I', orange: 'II', yellow: 'III', blue: 'IV' };
export const COLOR_OF_LEVEL: Record<WarningLevel, WarningColor> = { I: 'red', II: 'orange', III: 'yellow', IV: 'blue' };

/** Chinese names as they appear in warning texts (暴雨红色预警). */
export const COLOR_LABELS: Record<WarningColor, string> = { blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' };
/** Degree words that go with each level in GB/T 35965.1 headlines, e.g. "[IV级/一般]". */
export const LEVEL_LABELS: Record<WarningLevel, string> = { I: '特别严重', II: '严重', III: '较重', IV: '一般' };

export function levelOfColor(c: WarningColor): WarningLevel {
  return LEVEL_OF_COLOR[c];
}

export function colorRank(c: WarningColor): number {
  return WARNING_COLORS.indexOf(c);
}

/** red ≥ orange ≥ yellow ≥ blue */
export function colorAtLeast(c: WarningColor, min: WarningColor): boolean {
  return colorRank(c) >= colorRank(min);
}

/** The more severe of two colours. */
export function maxColor(a: WarningColor, b: WarningColor): WarningColor {
  return colorRank(a) >= colorRank(b) ? a : b;
}

/**
 * Urgent notifications bypass the recipients' preferences: 重大 (orange) and 特别重大 (red) warnings
 * must reach people on every channel.
 */
export function isUrgentColor(c: WarningColor): boolean {
  return colorAtLeast(c, 'orange');
}

export function isWarningColor(v: unknown): v is WarningColor {
  return typeof v === 'string' && (WARNING_COLORS as readonly string[]).includes(v);
}

/** The fourteen meteorological signals of 中国气象局令第16号, then on-site events. */
export const EVENT_TYPES = [
  'rainstorm', 'typhoon', 'heat', 'gale', 'lightning', 'cold_wave', 'blizzard', 'fog', 'hail', 'frost',
  'drought', 'dust_storm', 'road_icing', 'haze', 'equipment', 'fire_lane', 'chemical_leak', 'fire', 'other',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export function isEventType(v: unknown): v is EventType {
  return typeof v === 'string' && (EVENT_TYPES as readonly string[]).includes(v);
}

export const SOURCE_KINDS = ['cap', 'sensor', 'manual', 'neighbour'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
