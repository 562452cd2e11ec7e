/** Who uses the qualification pages (the server decides; this only hides what the user may not use). */
export const QUALIFICATIONS_VIEW = 'qualifications.view';
export const QUALIFICATIONS_MANAGE = 'qualifications.manage';
