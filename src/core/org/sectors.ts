import type { DepartmentFunction } from './functions.js';

/** What kind of organisation: the setup wizard suggests departments by it. */
export const SECTORS = ['manufacturing', 'park', 'school', 'hospital', 'other'] as const;
export type Sector = (typeof SECTORS)[number];

export const SECTOR_LABELS: Record<Sector, { zh: string; en: string }> = {
  manufacturing: { zh: '制造企业', en: 'Manufacturing' },
  park: { zh: '产业园区', en: 'Industrial park' },
  school: { zh: '学校', en: 'School' },
  hospital: { zh: '医院', en: 'Hospital' },
  other: { zh: '其他', en: 'Other' },
};

/**
 * 高危行业: the sectors whose training rules are stricter (安全生产培训管理办法, 原安监总局令第3号:
 * 矿山、危险化学品、烟花爆竹、金属冶炼). Later training rules read the organisation's flags.
 */
export const HIGH_RISK_SECTORS = ['mines', 'hazardous_chemicals', 'fireworks', 'metal_smelting'] as const;
export type HighRiskSector = (typeof HIGH_RISK_SECTORS)[number];
export const HIGH_RISK_LABELS: Record<HighRiskSector, { zh: string; en: string }> = {
  mines: { zh: '矿山', en: 'Mines' },
  hazardous_chemicals: { zh: '危险化学品', en: 'Hazardous chemicals' },
  fireworks: { zh: '烟花爆竹', en: 'Fireworks' },
  metal_smelting: { zh: '金属冶炼', en: 'Metal smelting' },
};

export interface SuggestedDepartment {
  name: string;
  kind: 'department' | 'committee';
  functions: DepartmentFunction[];
}

const committee: SuggestedDepartment = { name: '安全委员会', kind: 'committee', functions: ['committee'] };
const d = (name: string, ...functions: DepartmentFunction[]): SuggestedDepartment => ({ name, kind: 'department', functions });

/** A starting list per sector, which the administrator edits; every list has a safety department and the 安全委员会. */
export const SUGGESTED_DEPARTMENTS: Record<Sector, SuggestedDepartment[]> = {
  manufacturing: [
    d('安全环保部', 'safety', 'environment'), d('生产部', 'production'), d('设备部', 'equipment', 'maintenance'),
    d('人事部', 'hr'), d('后勤部', 'logistics'), d('医务室', 'medical'), d('综合办公室', 'other'), committee,
  ],
  park: [
    d('安全监管部', 'safety'), d('环保部', 'environment'), d('物业管理部', 'logistics', 'maintenance'), d('保卫部', 'security'),
    d('招商运营部', 'other'), d('人力资源部', 'hr'), committee,
  ],
  school: [
    d('安全保卫处', 'safety', 'security'), d('教务处', 'academic'), d('后勤管理处', 'logistics', 'maintenance'), d('人事处', 'hr'),
    d('校医院', 'medical'), d('学生工作处', 'other'), committee,
  ],
  hospital: [
    d('安全保卫科', 'safety', 'security'), d('医务科', 'medical'), d('设备科', 'equipment'), d('总务科', 'logistics', 'maintenance'),
    d('人事科', 'hr'), d('院感与环保办', 'environment'), committee,
  ],
  other: [d('安全管理部', 'safety'), d('行政人事部', 'hr', 'logistics'), d('业务部', 'production'), committee],
};
