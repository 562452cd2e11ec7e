import { z } from 'zod';
import { isMonth, isQuarter } from '../../../core/analytics/index.js';

/** Query parameters every analytics and report route shares: a month and a quarter in UTC+8. */
export const MonthParam = z.string().refine(isMonth, 'a month YYYY-MM');
export const QuarterParam = z.string().refine(isQuarter, 'a quarter YYYY-Qn');
