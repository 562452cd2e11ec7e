import type { Platform } from '../../platform/platform.js';
import { requirePermission, type Actor } from '../../platform/access.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { UserStore } from './store.js';

/** Positions (岗位) are records: people hold one, training requirements attach to them later. */
export class PositionService {
  private readonly store = new UserStore();
  constructor(private readonly p: Platform) {}

  async list(actor: Actor) {
    const rows = await this.p.read(actor, (w) => this.store.positions(w.tx));
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        department: r.department_id ? { id: r.department_id, name: r.department_name ?? '' } : null,
        holders: Number(r.holders),
        retired: !!r.retired_at,
        version: r.version,
      })),
    };
  }

  async create(actor: Actor, input: { name: string; departmentId?: string | null }) {
    requirePermission(actor, 'org.manage');
    return this.p.run(actor, async (w) => {
      if (input.departmentId && !(await this.store.departmentExists(w.tx, input.departmentId))) {
        throw new ValidationError('no such department', [{ path: 'body.departmentId', message: 'no such department' }]);
      }
      const row = await w.tx
        .insertInto('positions')
        .values({ tenant_id: w.tenantId, name: input.name, department_id: input.departmentId ?? null })
        .onConflict((oc) => oc.doNothing())
        .returning(['id', 'name', 'version'])
        .executeTakeFirst();
      if (!row) throw new ValidationError('the position exists', [{ path: 'body.name', message: `${input.name} already exists in this department` }]);
      w.audit({ action: 'position.create', entityType: 'position', entityId: row.id, after: input });
      return row;
    });
  }

  async update(actor: Actor, id: string, change: { version: number; name?: string; retired?: boolean }) {
    requirePermission(actor, 'org.manage');
    return this.p.run(actor, async (w) => {
      const before = await this.store.position(w.tx, id);
      if (!before) throw new NotFoundError('position', id);
      if (before.version !== change.version) throw new ConflictError('the position was changed by someone else; reload', 'VERSION_CONFLICT');
      const now = w.clock.now();
      const row = await w.tx
        .updateTable('positions')
        .set({
          ...(change.name ? { name: change.name } : {}),
          ...(change.retired !== undefined ? { retired_at: change.retired ? (before.retired_at ?? now) : null } : {}),
          version: before.version + 1,
        })
        .where('id', '=', id)
        .returning(['id', 'name', 'version', 'retired_at'])
        .executeTakeFirstOrThrow()
        .catch((err: { code?: string }) => {
          if (err.code === '23505') throw new ValidationError('the name is taken', [{ path: 'body.name', message: `${change.name} already exists in this department` }]);
          throw err;
        });
      // holders keep the position's name in their record
      if (change.name) await w.tx.updateTable('users').set({ position: change.name }).where('position_id', '=', id).execute();
      w.audit({ action: 'position.update', entityType: 'position', entityId: id, before, after: row });
      return { id: row.id, name: row.name, version: row.version, retired: !!row.retired_at };
    });
  }
}
