/**
 * Notification categories and channel preferences. A category is a notification's kind up to its
 * first '.', so every module's kinds fall into one without a registry (`warning.instructed` →
 * `warning`). The list below is what the settings page offers; unknown categories still work
 * with the defaults.
 */
export const CATEGORIES = ['warning', 'hazard', 'flow', 'repair', 'qualification'] as const;
export type Category = (typeof CATEGORIES)[number];

/** 'inapp' is always on; 'robot' lets a department keep its own group robots quiet for a category. */
export const PREFERENCE_CHANNELS = ['inapp', 'email', 'robot'] as const;
export type PreferenceChannel = (typeof PREFERENCE_CHANNELS)[number];

export const ROBOT_KINDS = ['dingtalk', 'wecom', 'feishu'] as const;
export const CHANNEL_KINDS = ['email', ...ROBOT_KINDS] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
export type RobotKind = (typeof ROBOT_KINDS)[number];

export function categoryOf(kind: string): string {
  const i = kind.indexOf('.');
  return i < 0 ? kind : kind.slice(0, i);
}

/** Built-in defaults: in-app always; e-mail only for warnings, which must reach people away from the screen. */
export function defaultChannels(category: string): PreferenceChannel[] {
  return category === 'warning' ? ['inapp', 'email', 'robot'] : ['inapp', 'robot'];
}

export interface PreferenceRow {
  scope: 'user' | 'department';
  scope_id: string;
  category: string;
  channels: string[];
}

/** Lookup of loaded preference rows: a user's own over their department's over the default. */
export class Preferences {
  private readonly rows = new Map<string, string[]>();
  constructor(rows: PreferenceRow[]) {
    for (const r of rows) this.rows.set(`${r.scope}:${r.scope_id}:${r.category}`, r.channels);
  }

  department(departmentId: string | null, category: string): { channels: string[]; source: 'department' | 'default' } {
    const own = departmentId ? this.rows.get(`department:${departmentId}:${category}`) : undefined;
    return own ? { channels: own, source: 'department' } : { channels: defaultChannels(category), source: 'default' };
  }

  user(userId: string, departmentId: string | null, category: string): { channels: string[]; source: 'user' | 'department' | 'default' } {
    const own = this.rows.get(`user:${userId}:${category}`);
    return own ? { channels: own, source: 'user' } : this.department(departmentId, category);
  }
}
