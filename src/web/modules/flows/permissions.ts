/** Who uses the collaboration pages (the server decides; this only hides what the user may not use). */
export const FLOWS_DESIGN = 'flows.design';
export const FLOWS_LAUNCH = 'flows.launch';
export const FLOWS_VIEW_ALL = 'flows.view_all';
