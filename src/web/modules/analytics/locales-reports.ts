/** Texts of the analytics pages. zh-CN first; en-US must have the same shape. */
import type { Shape } from '../../platform/i18n/shape';

export const reportsZh = {
  title: '评估报告',
};

export const reportsEn: Shape<typeof reportsZh> = {
  title: '评估报告',
};
