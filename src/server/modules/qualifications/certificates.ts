/**
 * Certificate types and what each equipment category requires: the one place that names them.
 * Codes are stored in employee_certificates.cert_type and equipment_cert_requirements.cert_type.
 * How long each category is valid, when it is reviewed and when it counts as expiring soon are
 * regulatory numbers: they live in the unified standards (section `certificates`), not here.
 *
 * Legal basis:
 * - 特种作业 (electrical work, welding and thermal cutting …): 《特种作业人员安全技术培训考核管理规定》
 *   (原国家安全生产监督管理总局令第30号, amended by 第80号令). Art. 5: only with a 特种作业操作证;
 *   Art. 21: valid 6 years, reviewed every 3 years.
 * - 特种设备作业人员 (crane, forklift, boiler): 《中华人民共和国特种设备安全法》Art. 14 (operators must hold
 *   the qualification), 《特种设备作业人员考核规则》TSG Z6001-2019 (item codes Q1/Q2/N1/G1; certificate
 *   valid 4 years).
 * - Internal post certificates (机床、冲压): 《生产经营单位安全培训规定》(原国家安全生产监督管理总局令第3号)
 *   — employees work only after safety training and assessment; the company issues its own 上岗证.
 */

import { DEFAULT_STANDARDS, validityYears, type CertificateCategory, type CertificatesSection } from '../../../core/standards/index.js';

export type { CertificateCategory };

export interface CertificateType {
  code: string;
  /** Full Chinese name as printed on the certificate. */
  name: string;
  /** Short label for tables. */
  short: string;
  category: CertificateCategory;
  /** Who issues it (for display and the demo data). */
  issuer: string;
  basis: string;
}

const SPECIAL_OPERATION_BASIS =
  '《特种作业人员安全技术培训考核管理规定》（原国家安全监管总局令第30号）第五条：特种作业人员必须取得《特种作业操作证》后方可上岗作业；第二十一条：有效期6年，每3年复审1次';
const SPECIAL_EQUIPMENT_BASIS =
  '《中华人民共和国特种设备安全法》第十四条；《特种设备作业人员考核规则》（TSG Z6001-2019）：取得《特种设备作业人员证》方可从事相应作业，证书有效期4年';
const INTERNAL_BASIS = '《生产经营单位安全培训规定》（原国家安全监管总局令第3号）：从业人员经安全培训考核合格方可上岗；本单位岗位上岗考核';

export const CERTIFICATE_TYPES: readonly CertificateType[] = [
  {
    code: 'special_op_electrician',
    name: '特种作业操作证（电工作业）',
    short: '电工作业',
    category: 'special_operation',
    issuer: '应急管理局',
    basis: SPECIAL_OPERATION_BASIS,
  },
  {
    code: 'special_op_welding',
    name: '特种作业操作证（焊接与热切割作业）',
    short: '焊接与热切割',
    category: 'special_operation',
    issuer: '应急管理局',
    basis: SPECIAL_OPERATION_BASIS,
  },
  {
    code: 'tsg_q1',
    name: '特种设备作业人员证（起重机指挥 Q1）',
    short: '起重机指挥 Q1',
    category: 'special_equipment',
    issuer: '市场监督管理局',
    basis: SPECIAL_EQUIPMENT_BASIS,
  },
  {
    code: 'tsg_q2',
    name: '特种设备作业人员证（起重机司机 Q2）',
    short: '起重机司机 Q2',
    category: 'special_equipment',
    issuer: '市场监督管理局',
    basis: SPECIAL_EQUIPMENT_BASIS,
  },
  {
    code: 'tsg_n1',
    name: '特种设备作业人员证（叉车司机 N1）',
    short: '叉车司机 N1',
    category: 'special_equipment',
    issuer: '市场监督管理局',
    basis: SPECIAL_EQUIPMENT_BASIS,
  },
  {
    code: 'tsg_g1',
    name: '特种设备作业人员证（工业锅炉司炉 G1）',
    short: '工业锅炉司炉 G1',
    category: 'special_equipment',
    issuer: '市场监督管理局',
    basis: SPECIAL_EQUIPMENT_BASIS,
  },
  {
    code: 'internal_machine_tool',
    name: '机床操作上岗证（内部）',
    short: '机床操作上岗证',
    category: 'internal',
    issuer: '本单位安全环保部',
    basis: INTERNAL_BASIS,
  },
  {
    code: 'internal_press',
    name: '冲压设备操作上岗证（内部）',
    short: '冲压操作上岗证',
    category: 'internal',
    issuer: '本单位安全环保部',
    basis: INTERNAL_BASIS,
  },
];

const BY_CODE = new Map(CERTIFICATE_TYPES.map((c) => [c.code, c]));

export function certificateType(code: string): CertificateType {
  return BY_CODE.get(code) ?? { code, name: code, short: code, category: 'internal', issuer: '', basis: '' };
}

export function isCertificateType(code: string): boolean {
  return BY_CODE.has(code);
}

/**
 * Default requirements per equipment category (equipment.category). The demo seed writes them
 * per piece of equipment into equipment_cert_requirements, where a tenant may change them.
 */
export const REQUIREMENTS_BY_CATEGORY: Readonly<Record<string, readonly string[]>> = {
  machine_tool: ['internal_machine_tool'],
  press: ['internal_press'],
  crane: ['tsg_q2'],
  forklift: ['tsg_n1'],
  boiler: ['tsg_g1'],
  welding: ['special_op_welding'],
  electrical: ['special_op_electrician'],
};

/** Years a certificate of this type is valid, by its category, under the given (default: national) standards. */
export function certificateValidityYears(code: string, section: CertificatesSection = DEFAULT_STANDARDS.certificates): number {
  return validityYears(section, certificateType(code).category) ?? 0;
}

/** Certificates running out within this many days are flagged (still valid): the national default, for checks stored without their own. */
export const EXPIRING_SOON_DAYS = DEFAULT_STANDARDS.certificates.expiringSoonDays;
