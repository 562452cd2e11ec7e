import { sql } from 'kysely';
import type { Tx } from '../../platform/work.js';

export interface UserListFilter {
  q?: string;
  departmentId?: string;
  status?: 'active' | 'disabled' | 'pending';
  page: number;
  pageSize: number;
}

const USER_COLUMNS = [
  'u.id', 'u.username', 'u.display_name', 'u.employee_no', 'u.department_id', 'u.position_id', 'u.position', 'u.roles',
  'u.phone', 'u.email', 'u.active', 'u.last_login_at', 'u.must_change_password', 'u.version', 'u.created_at', 'u.disabled_at',
] as const;

/** The only SQL of the users module: people, positions, their sessions and activation links. */
export class UserStore {
  async list(tx: Tx, f: UserListFilter) {
    let q = tx.selectFrom('users as u').leftJoin('departments as d', 'd.id', 'u.department_id');
    if (f.departmentId) q = q.where('u.department_id', '=', f.departmentId);
    if (f.status === 'active') q = q.where('u.active', '=', true).where('u.password_hash', 'is not', null);
    if (f.status === 'disabled') q = q.where('u.active', '=', false);
    if (f.status === 'pending') q = q.where('u.active', '=', true).where('u.password_hash', 'is', null);
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
      q = q.where((eb) => eb.or([eb('u.display_name', 'ilike', like), eb('u.username', 'ilike', like), eb('u.employee_no', 'ilike', like)]));
    }
    const [rows, count] = await Promise.all([
      q
        .select([...USER_COLUMNS, 'd.name as department_name', sql<boolean>`u.password_hash IS NOT NULL`.as('has_password')])
        .orderBy('u.display_name')
        .offset((f.page - 1) * f.pageSize)
        .limit(f.pageSize)
        .execute(),
      q.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  one(tx: Tx, id: string) {
    return tx
      .selectFrom('users as u')
      .leftJoin('departments as d', 'd.id', 'u.department_id')
      .select([...USER_COLUMNS, 'd.name as department_name', sql<boolean>`u.password_hash IS NOT NULL`.as('has_password')])
      .where('u.id', '=', id)
      .executeTakeFirst();
  }

  departmentExists(tx: Tx, id: string) {
    return tx.selectFrom('departments').select('id').where('id', '=', id).executeTakeFirst();
  }

  position(tx: Tx, id: string) {
    return tx.selectFrom('positions').select(['id', 'name', 'department_id', 'retired_at', 'version']).where('id', '=', id).executeTakeFirst();
  }

  positions(tx: Tx) {
    return tx
      .selectFrom('positions as p')
      .leftJoin('departments as d', 'd.id', 'p.department_id')
      .select(['p.id', 'p.name', 'p.department_id', 'd.name as department_name', 'p.retired_at', 'p.version',
        sql<string>`(SELECT count(*) FROM users u WHERE u.position_id = p.id AND u.active)`.as('holders')])
      .orderBy('d.name')
      .orderBy('p.name')
      .execute();
  }

  usernameTaken(tx: Tx, username: string, exceptId?: string) {
    let q = tx.selectFrom('users').select('id').where(sql`lower(username)`, '=', username.toLowerCase());
    if (exceptId) q = q.where('id', '<>', exceptId);
    return q.executeTakeFirst();
  }

  employeeNoTaken(tx: Tx, employeeNo: string, exceptId?: string) {
    let q = tx.selectFrom('users').select('id').where('employee_no', '=', employeeNo);
    if (exceptId) q = q.where('id', '<>', exceptId);
    return q.executeTakeFirst();
  }

  /** End every session of the user (on every server: the sessions trigger announces it). */
  async endSessions(tx: Tx, userId: string, exceptHash?: string) {
    let q = tx.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptHash) q = q.where('id_hash', '<>', exceptHash);
    await q.execute();
  }

  async lastLogins(tx: Tx, ids: string[]) {
    if (!ids.length) return new Map<string, number>();
    const rows = await tx
      .selectFrom('sessions')
      .select(['user_id', sql<string>`count(*)`.as('n')])
      .where('user_id', 'in', ids)
      .groupBy('user_id')
      .execute();
    return new Map(rows.map((r) => [r.user_id, Number(r.n)]));
  }
}
