/** The permission that opens the 统一标准 page and its edit actions (the server decides). */
export const STANDARDS_MANAGE = 'standards.manage';
