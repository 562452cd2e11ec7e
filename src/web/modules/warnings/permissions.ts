/** Who uses the warning pages (the server decides; this only hides what the user may not use). */
export const WARNINGS_RAISE = 'warnings.raise';
export const WARNINGS_VIEW_ALL = 'warnings.view_all';
export const WARNINGS_MANAGE = 'warnings.manage';
