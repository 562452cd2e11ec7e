/** Who sees which analytics (the server decides; this only hides what the user may not use). */
export const ANALYTICS_VIEW_ALL = 'analytics.view_all';
export const ANALYTICS_VIEW_DEPARTMENT = 'analytics.view_department';
export const ANALYTICS_MANAGE = 'analytics.manage';
export const ANALYTICS_VIEW = [ANALYTICS_VIEW_ALL, ANALYTICS_VIEW_DEPARTMENT];
