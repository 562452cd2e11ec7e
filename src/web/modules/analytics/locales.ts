/** Texts of the analytics pages. zh-CN first; en-US must have the same shape. */
import type { Shape } from '../../platform/i18n/shape';

export const analyticsZh = {
  title: '统计分析看板',
};

export const analyticsEn: Shape<typeof analyticsZh> = {
  title: '统计分析看板',
};
