import { permissionsOf, ROLES } from '../../platform/access.js';
import type { Work } from '../../platform/work.js';
import type { NewNotification } from '../notifications/store.js';
import { colorAtLeast, type WarningColor } from '../../../core/warnings/index.js';
import type { WarningRow } from './store.js';

/** What the notifications module takes; `urgent` and `departmentIds` steer its external channels. */
export type WarningNotification = NewNotification & { urgent?: boolean; departmentIds?: string[] };

export interface Notifier {
  notifyMany(work: Work, items: { userIds: string[]; n: WarningNotification }[]): Promise<number>;
}

/** A notifier that sends nothing (the demo history: old warnings announce nothing). */
export const SILENT: Notifier = { notifyMany: async () => 0 };

/** 重大/较大 (red, orange) warnings go out on every channel regardless of preferences. */
export const isUrgent = (w: Pick<WarningRow, 'color'>) => colorAtLeast(w.color as WarningColor, 'orange');

/** Roles that see every warning (tests and exercises included): who hears of a warning no rule covers. */
export const VIEW_ALL_ROLES = ROLES.filter((r) => permissionsOf([r]).has('warnings.view_all'));

export const COLOR_LABELS: Record<string, string> = { blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' };

export function link(w: Pick<WarningRow, 'id'>) {
  return `/warnings/${w.id}`;
}
