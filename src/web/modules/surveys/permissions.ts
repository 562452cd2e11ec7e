/** Who opens survey rounds and reads their comments; who sees results (the server decides; this only hides what the user may not use). */
export const SURVEYS_MANAGE = 'surveys.manage';
export const ANALYTICS_VIEW_ALL = 'analytics.view_all';
