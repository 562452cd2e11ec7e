/** Texts of the Warnings pages (the `warnings` section). zh-CN first; en-US must have the same shape. */
import type { Shape } from '../../platform/i18n/shape';

export const warningsZh = {
  title: '预警联动',
};

export const warningsEn: Shape<typeof warningsZh> = {
  title: 'Warnings',
};
