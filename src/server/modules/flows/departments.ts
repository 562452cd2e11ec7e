import { DEPARTMENT_FUNCTION_LABELS, DEPARTMENT_FUNCTIONS, type DepartmentFunction } from '../../../core/org/functions.js';

export interface TenantDepartment {
  id: string;
  code: string;
  name: string;
  functions: string[];
  sort: number;
}

/** A template names a department by a code that is also a function (safety, hr, security …). */
function asFunction(code: string): DepartmentFunction | null {
  return (DEPARTMENT_FUNCTIONS as readonly string[]).includes(code) ? (code as DepartmentFunction) : null;
}

/**
 * The department a template step goes to in this organisation: the one serving the function the
 * template names (a school's 保卫处 for `security`), or, for a code that is not a function, the
 * department with that code. No stand-in by fallback here: the initiator chooses one at launch.
 */
export function resolveDepartment<D extends TenantDepartment>(departments: readonly D[], code: string): D | null {
  const fn = asFunction(code);
  if (fn) return [...departments].filter((d) => d.functions.includes(fn)).sort((a, b) => a.sort - b.sort)[0] ?? null;
  return departments.find((d) => d.code === code) ?? null;
}

/** What to tell the user when no department does the step's work: the kind of department needed. */
export function departmentNeeded(code: string): string {
  const fn = asFunction(code);
  return fn ? `需要「${DEPARTMENT_FUNCTION_LABELS[fn].zh}」职能的部门` : `需要代码为「${code}」的部门`;
}
