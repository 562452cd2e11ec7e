export const SURVEYS_MANAGE = 'surveys.manage';
