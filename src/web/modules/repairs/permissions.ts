/** Who uses the repair pages (the server decides; this only hides what the user may not use). */
export const REPAIRS_WORK = 'repairs.work';
export const REPAIRS_VIEW_ALL = 'repairs.view_all';
export const REPAIR_PERMS: string[] = [REPAIRS_WORK, REPAIRS_VIEW_ALL];
