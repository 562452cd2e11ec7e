import { sql } from 'kysely';
import { can, type Actor } from '../../platform/access.js';
import type { Platform } from '../../platform/platform.js';
import type { Work } from '../../platform/work.js';
import { ForbiddenError, ValidationError } from '../../platform/errors.js';
import { CATEGORIES, Preferences, type PreferenceChannel, type PreferenceRow } from './categories.js';

export interface PreferenceChange {
  category: string;
  /** null = no choice of one's own: inherit (the department's default, or the built-in one). */
  channels: PreferenceChannel[] | null;
}

/**
 * Who gets what by which channel: each user for themselves; department heads (and the
 * administrator) the defaults of their department. In-app is always on.
 */
export class PreferenceService {
  constructor(private readonly p: Platform) {}

  get(actor: Actor) {
    return this.p.run(actor, (w) => this.load(w, actor));
  }

  save(actor: Actor, scope: 'user' | 'department', departmentId: string | undefined, changes: PreferenceChange[]) {
    return this.p.run(actor, async (w) => {
      let scopeId: string;
      if (scope === 'user') {
        if (!actor.userId) throw new ForbiddenError('only a user has preferences');
        scopeId = actor.userId;
      } else {
        if (!departmentId) throw new ValidationError('departmentId is required', [{ path: 'body.departmentId', message: 'required' }]);
        const mine = await this.managedDepartments(w, actor);
        if (!mine.some((d) => d.id === departmentId)) throw new ForbiddenError('only the head of the department or an administrator sets its defaults');
        scopeId = departmentId;
      }
      const now = this.p.clock.now();
      for (const c of changes) {
        if (c.channels === null) {
          await w.tx.deleteFrom('notification_preferences').where('scope', '=', scope).where('scope_id', '=', scopeId).where('category', '=', c.category).execute();
          continue;
        }
        const channels = [...new Set<PreferenceChannel>(['inapp', ...c.channels])];
        await w.tx
          .insertInto('notification_preferences')
          .values({ tenant_id: w.tenantId, scope, scope_id: scopeId, category: c.category, channels, updated_at: now })
          .onConflict((oc) => oc.columns(['tenant_id', 'scope', 'scope_id', 'category']).doUpdateSet({ channels, updated_at: now }))
          .execute();
      }
      w.audit({ action: 'notification_preferences.save', entityType: `notification_preferences.${scope}`, entityId: scopeId, after: changes });
      return this.load(w, actor);
    });
  }

  private async load(w: Work, actor: Actor) {
    const me = actor.userId
      ? await w.tx.selectFrom('users').select(['email', 'department_id']).where('id', '=', actor.userId).executeTakeFirst()
      : undefined;
    const departments = await this.managedDepartments(w, actor);
    const deptIds = [...new Set([...(me?.department_id ? [me.department_id] : []), ...departments.map((d) => d.id)])];
    const rows = (await w.tx
      .selectFrom('notification_preferences')
      .select(['scope', 'scope_id', 'category', 'channels'])
      .where(
        sql<boolean>`((scope = 'user' AND scope_id = ${actor.userId ?? '00000000-0000-0000-0000-000000000000'}::uuid)
                      OR (scope = 'department' AND scope_id = ANY(${sql.val(deptIds)}::uuid[])))`,
      )
      .execute()) as PreferenceRow[];
    const prefs = new Preferences(rows);
    const email = await w.tx.selectFrom('notification_channels').select('id').where('kind', '=', 'email').where('enabled', '=', true).limit(1).executeTakeFirst();
    return {
      categories: [...CATEGORIES],
      email: { address: me?.email ?? null, channelEnabled: !!email },
      mine: CATEGORIES.map((category) => ({ category, ...prefs.user(actor.userId ?? '', me?.department_id ?? null, category) })),
      departments: departments.map((d) => ({
        id: d.id,
        name: d.name,
        defaults: CATEGORIES.map((category) => ({ category, ...prefs.department(d.id, category) })),
      })),
    };
  }

  /** The departments whose defaults the actor may set: all for the administrator, else those they head. */
  private async managedDepartments(w: Work, actor: Actor) {
    let q = w.tx.selectFrom('departments').select(['id', 'name']).orderBy('sort').orderBy('name');
    if (!can(actor, 'notifications.manage')) q = q.where('head_user_id', '=', actor.userId ?? '00000000-0000-0000-0000-000000000000');
    return q.execute();
  }
}
