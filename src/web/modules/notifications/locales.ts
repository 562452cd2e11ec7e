/** Texts of the Notification settings and channels pages (the `notifySettings` section). zh-CN first; en-US must have the same shape. */
import type { Shape } from '../../platform/i18n/shape';

export const notifySettingsZh = {
  title: '通知设置与渠道',
};

export const notifySettingsEn: Shape<typeof notifySettingsZh> = {
  title: 'Notification settings and channels',
};
