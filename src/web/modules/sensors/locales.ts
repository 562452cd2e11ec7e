/** Texts of the Equipment monitoring pages (the `sensors` section). zh-CN first; en-US must have the same shape. */
import type { Shape } from '../../platform/i18n/shape';

export const sensorsZh = {
  title: '设备监测',
};

export const sensorsEn: Shape<typeof sensorsZh> = {
  title: 'Equipment monitoring',
};
