/** Texts of the surveys pages. zh-CN first; en-US must have the same shape. */
import type { Shape } from '../../platform/i18n/shape';

export const surveysZh = {
  title: '满意度调查',
};

export const surveysEn: Shape<typeof surveysZh> = {
  title: '满意度调查',
};
