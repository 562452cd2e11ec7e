/** Permission names the web checks to hide what the user may not use (the server decides). */
export const PERM = {
  report: 'hazard.report',
  viewAll: 'hazard.view_all',
  viewDepartment: 'hazard.view_department',
  editAny: 'hazard.edit_any',
  assess: 'hazard.assess',
  auditView: 'audit.view',
  usersManage: 'users.manage',
} as const;

/** Anyone who can report sees at least their own reports; others see what their scope allows. */
export const HAZARD_LIST_PERMS: string[] = [PERM.viewAll, PERM.viewDepartment, PERM.report];
