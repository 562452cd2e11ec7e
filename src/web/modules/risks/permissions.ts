/** Managing risk points, the site plan and area outlines (safety department, administrators). */
export const RISKS_MANAGE = 'risks.manage';
