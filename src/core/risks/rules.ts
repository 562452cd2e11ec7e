/**
 * Risk points (风险点) of the dual-prevention mechanism (双重预防, C3): the fixed vocabularies and
 * the rules that do not depend on a tenant's standards. Scores, bands, labels and colours come
 * from the tenant's standards document (src/core/standards), never from here.
 *
 * Pure TypeScript: imported by the server and by the web.
 */
import type { Color } from '../standards/types.js';

/** What a risk point is attached to: an area (区域/场所), a piece of equipment (设备设施) or a job (作业活动). */
export const RISK_POINT_KINDS = ['area', 'equipment', 'job'] as const;
export type RiskPointKind = (typeof RISK_POINT_KINDS)[number];

/**
 * Who controls a risk: 公司级 / 部门级（车间级）/ 班组级 / 岗位级. 安委办〔2016〕11号 asks companies to
 * "对安全风险分级、分层、分类、分专业进行管理，逐一落实企业、车间、班组和岗位的管控责任".
 */
export const MANAGEMENT_LEVELS = ['company', 'department', 'team', 'post'] as const;
export type ManagementLevel = (typeof MANAGEMENT_LEVELS)[number];

export const MANAGEMENT_LEVEL_LABELS: Record<ManagementLevel, string> = {
  company: '公司级',
  department: '部门级',
  team: '班组级',
  post: '岗位级',
};

/**
 * The usual default: the higher the risk, the higher the level that controls it — 重大风险 (red)
 * by the company, 较大 (orange) by the department, 一般 (yellow) by the team, 低 (blue) by the post.
 * The assessor may set another level.
 */
const DEFAULT_LEVEL: Record<Color, ManagementLevel> = { red: 'company', orange: 'department', yellow: 'team', blue: 'post' };

export function defaultManagementLevel(color: Color): ManagementLevel {
  return DEFAULT_LEVEL[color];
}

/** Control measures by kind (工程技术 / 管理 / 个体防护 / 应急处置), each a free text. */
export const CONTROL_KINDS = ['engineering', 'management', 'ppe', 'emergency'] as const;
export type ControlKind = (typeof CONTROL_KINDS)[number];
export type Controls = Record<ControlKind, string>;

export const CONTROL_LABELS: Record<ControlKind, string> = {
  engineering: '工程技术措施',
  management: '管理措施',
  ppe: '个体防护措施',
  emergency: '应急处置措施',
};

/**
 * Accident types (事故类别) of GB 6441-1986《企业职工伤亡事故分类》, Annex A: the 20 categories
 * used on 风险告知卡 and in accident statistics. Codes are ours; labels are the standard's.
 */
export const ACCIDENT_TYPES = [
  'object_strike', // 物体打击
  'vehicle_injury', // 车辆伤害
  'mechanical_injury', // 机械伤害
  'lifting_injury', // 起重伤害
  'electric_shock', // 触电
  'drowning', // 淹溺
  'burn', // 灼烫
  'fire', // 火灾
  'fall_from_height', // 高处坠落
  'collapse', // 坍塌
  'roof_fall', // 冒顶片帮
  'water_inrush', // 透水
  'blasting', // 放炮
  'explosive_explosion', // 火药爆炸
  'gas_explosion', // 瓦斯爆炸
  'boiler_explosion', // 锅炉爆炸
  'container_explosion', // 容器爆炸
  'other_explosion', // 其它爆炸
  'poisoning_asphyxia', // 中毒和窒息
  'other_injury', // 其它伤害
] as const;
export type AccidentType = (typeof ACCIDENT_TYPES)[number];

export const ACCIDENT_TYPE_LABELS: Record<AccidentType, string> = {
  object_strike: '物体打击',
  vehicle_injury: '车辆伤害',
  mechanical_injury: '机械伤害',
  lifting_injury: '起重伤害',
  electric_shock: '触电',
  drowning: '淹溺',
  burn: '灼烫',
  fire: '火灾',
  fall_from_height: '高处坠落',
  collapse: '坍塌',
  roof_fall: '冒顶片帮',
  water_inrush: '透水',
  blasting: '放炮',
  explosive_explosion: '火药爆炸',
  gas_explosion: '瓦斯爆炸',
  boiler_explosion: '锅炉爆炸',
  container_explosion: '容器爆炸',
  other_explosion: '其它爆炸',
  poisoning_asphyxia: '中毒和窒息',
  other_injury: '其它伤害',
};

/**
 * The warning sign (警告标志, GB 2894-2008《安全标志及其使用导则》) printed on a notice card for
 * an accident type; types without a specific sign use 注意安全.
 */
export const WARNING_SIGNS: Partial<Record<AccidentType, string>> = {
  object_strike: '当心落物',
  vehicle_injury: '当心车辆',
  mechanical_injury: '当心机械伤人',
  lifting_injury: '当心吊物',
  electric_shock: '当心触电',
  drowning: '当心落水',
  burn: '当心烫伤',
  fire: '当心火灾',
  fall_from_height: '当心坠落',
  collapse: '当心坍塌',
  boiler_explosion: '当心爆炸',
  container_explosion: '当心爆炸',
  other_explosion: '当心爆炸',
  explosive_explosion: '当心爆炸',
  gas_explosion: '当心爆炸',
  poisoning_asphyxia: '当心中毒',
};

export function warningSigns(types: readonly string[]): string[] {
  const signs = types.map((t) => WARNING_SIGNS[t as AccidentType] ?? '注意安全');
  return [...new Set(signs)];
}

/** Colour order on the risk map: an area shows the highest colour of its risk points (red > orange > yellow > blue). */
export const COLOR_RANK: Record<Color, number> = { red: 4, orange: 3, yellow: 2, blue: 1 };

/** The highest colour among the given ones; null when there are none (the map draws such an area grey). */
export function highestColor(colors: Iterable<Color | string | null | undefined>): Color | null {
  let best: Color | null = null;
  for (const c of colors) {
    if (!c || !(c in COLOR_RANK)) continue;
    if (!best || COLOR_RANK[c as Color] > COLOR_RANK[best]) best = c as Color;
  }
  return best;
}
