/**
 * What a department does in the organisation's safety work. Built-in templates, linkage rules and
 * views find "the safety department" by function, never by a code a customer chose. A department
 * may serve several functions (安全环保部 is both safety and environment).
 */
export const DEPARTMENT_FUNCTIONS = [
  'safety',
  'production',
  'equipment',
  'hr',
  'logistics',
  'medical',
  'environment',
  'security',
  'academic',
  'maintenance',
  'committee',
  'other',
] as const;
export type DepartmentFunction = (typeof DEPARTMENT_FUNCTIONS)[number];

export const DEPARTMENT_FUNCTION_LABELS: Record<DepartmentFunction, { zh: string; en: string }> = {
  safety: { zh: '安全管理', en: 'Safety' },
  production: { zh: '生产', en: 'Production' },
  equipment: { zh: '设备', en: 'Equipment' },
  hr: { zh: '人事', en: 'Human resources' },
  logistics: { zh: '后勤', en: 'Logistics' },
  medical: { zh: '医疗卫生', en: 'Medical' },
  environment: { zh: '环保', en: 'Environment' },
  security: { zh: '保卫', en: 'Security' },
  academic: { zh: '教务', en: 'Academic affairs' },
  maintenance: { zh: '维修', en: 'Maintenance' },
  committee: { zh: '安全委员会', en: 'Safety committee' },
  other: { zh: '其他', en: 'Other' },
};

/**
 * Where a function's work goes when no department serves it: an organisation without its own
 * 环保 office hands environment work to the safety department, a school's maintenance falls to
 * logistics, and so on. Tried in order; the first function some department serves wins.
 */
export const FUNCTION_FALLBACKS: Partial<Record<DepartmentFunction, DepartmentFunction[]>> = {
  environment: ['safety'],
  security: ['safety'],
  maintenance: ['equipment', 'logistics'],
  equipment: ['maintenance', 'logistics'],
  medical: ['hr'],
};

export interface DepartmentWithFunctions {
  id: string;
  functions: readonly string[];
  sort?: number;
}

/** The department that does `fn`'s work: one that serves it (lowest sort first), else a fallback's. */
export function departmentForFunction<D extends DepartmentWithFunctions>(departments: readonly D[], fn: DepartmentFunction): D | null {
  for (const f of [fn, ...(FUNCTION_FALLBACKS[fn] ?? [])]) {
    const match = departments.filter((d) => d.functions.includes(f)).sort((a, b) => (a.sort ?? 0) - (b.sort ?? 0))[0];
    if (match) return match;
  }
  return null;
}

export function isDepartmentFunction(v: string): v is DepartmentFunction {
  return (DEPARTMENT_FUNCTIONS as readonly string[]).includes(v);
}
