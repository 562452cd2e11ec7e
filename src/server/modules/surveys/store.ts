import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../platform/work.js';
import type { SurveyQuestion, SurveyResponsesTable } from '../../platform/db/schema-analytics.js';

export interface RoundRow {
  id: string;
  quarter: string;
  title: string;
  questions: SurveyQuestion[];
  opens_at: Date;
  closes_at: Date;
  created_by: string | null;
  created_at: Date;
}

export interface ResponseRow {
  id: string;
  answers: Record<string, number>;
  comment: string;
  submitted_at: Date;
}

/** Per department (null: respondents without one) and question: the sum and count of answers. */
export interface AnswerTotalsRow {
  department_id: string | null;
  key: string;
  sum: number;
  count: number;
}

const ROUND_COLUMNS = ['id', 'quarter', 'title', 'questions', 'opens_at', 'closes_at', 'created_by', 'created_at'] as const;
const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const roundOf = (r: RoundRow): RoundRow => ({ ...r, questions: parse<SurveyQuestion[]>(r.questions) });

/** SQL of the surveys module; only this file touches survey_rounds and survey_responses. */
export class SurveyStore {
  async round(tx: Tx, id: string): Promise<RoundRow | undefined> {
    const r = await tx.selectFrom('survey_rounds').select(ROUND_COLUMNS).where('id', '=', id).executeTakeFirst();
    return r && roundOf(r);
  }

  async roundOfQuarter(tx: Tx, quarter: string): Promise<RoundRow | undefined> {
    const r = await tx.selectFrom('survey_rounds').select(ROUND_COLUMNS).where('quarter', '=', quarter).executeTakeFirst();
    return r && roundOf(r);
  }

  /** The round open at `now` (the latest opened, should two overlap). */
  async openRound(tx: Tx, now: Date): Promise<RoundRow | undefined> {
    const r = await tx
      .selectFrom('survey_rounds')
      .select(ROUND_COLUMNS)
      .where('opens_at', '<=', now)
      .where('closes_at', '>=', now)
      .orderBy('opens_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r && roundOf(r);
  }

  /** Every round, newest first, with its response count. */
  async rounds(tx: Tx): Promise<(RoundRow & { responses: number })[]> {
    const rows = await tx
      .selectFrom('survey_rounds as s')
      .select(ROUND_COLUMNS.map((c) => `s.${c}` as const))
      .select((eb) => eb.selectFrom('survey_responses as r').whereRef('r.round_id', '=', 's.id').select((e) => e.fn.countAll<string>().as('n')).as('responses'))
      .orderBy('s.opens_at', 'desc')
      .execute();
    return rows.map((r) => ({ ...roundOf(r), responses: Number(r.responses ?? 0) }));
  }

  /** Insert unless the quarter has a round; undefined when it had. */
  async insertRound(
    tx: Tx,
    v: { tenant_id: string; quarter: string; title: string; questions: SurveyQuestion[]; opens_at: Date; closes_at: Date; created_by: string | null; created_at: Date },
  ): Promise<RoundRow | undefined> {
    const r = await tx
      .insertInto('survey_rounds')
      .values({ ...v, questions: JSON.stringify(v.questions) })
      .onConflict((oc) => oc.columns(['tenant_id', 'quarter']).doNothing())
      .returning(ROUND_COLUMNS)
      .executeTakeFirst();
    return r && roundOf(r);
  }

  async response(tx: Tx, roundId: string, userId: string): Promise<ResponseRow | undefined> {
    const r = await tx
      .selectFrom('survey_responses')
      .select(['id', 'answers', 'comment', 'submitted_at'])
      .where('round_id', '=', roundId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return r && { ...r, answers: parse<Record<string, number>>(r.answers) };
  }

  /** Insert unless the user answered the round already; undefined when they had. */
  async insertResponse(tx: Tx, v: Omit<Insertable<SurveyResponsesTable>, 'answers'> & { answers: Record<string, number> }): Promise<ResponseRow | undefined> {
    const r = await tx
      .insertInto('survey_responses')
      .values({ ...v, answers: JSON.stringify(v.answers) })
      .onConflict((oc) => oc.columns(['round_id', 'user_id']).doNothing())
      .returning(['id', 'answers', 'comment', 'submitted_at'])
      .executeTakeFirst();
    return r && { ...r, answers: parse<Record<string, number>>(r.answers) };
  }

  /** Bulk insert (the demo's past rounds). */
  async insertResponses(tx: Tx, rows: (Omit<Insertable<SurveyResponsesTable>, 'answers'> & { answers: Record<string, number> })[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) {
      await tx
        .insertInto('survey_responses')
        .values(rows.slice(i, i + 200).map((r) => ({ ...r, answers: JSON.stringify(r.answers) })))
        .execute();
    }
  }

  /** Answer sums per respondent department and question: one aggregate over one round's rows. */
  async answerTotals(tx: Tx, roundId: string): Promise<AnswerTotalsRow[]> {
    const { rows } = await sql<{ department_id: string | null; key: string; sum: string; count: string }>`
      SELECT r.department_id, a.key, sum(a.value::int)::text AS sum, count(*)::text AS count
        FROM survey_responses r CROSS JOIN LATERAL jsonb_each_text(r.answers) AS a
       WHERE r.round_id = ${roundId}
       GROUP BY r.department_id, a.key`.execute(tx);
    return rows.map((r) => ({ department_id: r.department_id, key: r.key, sum: Number(r.sum), count: Number(r.count) }));
  }

  /** Responses per respondent department. */
  async responsesByDepartment(tx: Tx, roundId: string): Promise<Map<string | null, number>> {
    const rows = await tx
      .selectFrom('survey_responses')
      .select(['department_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('round_id', '=', roundId)
      .groupBy('department_id')
      .execute();
    return new Map(rows.map((r) => [r.department_id, Number(r.n)]));
  }

  /** Comments, in the order of their random ids rather than by time or person. */
  async comments(tx: Tx, roundId: string): Promise<string[]> {
    const rows = await tx.selectFrom('survey_responses').select('comment').where('round_id', '=', roundId).where('comment', '<>', '').orderBy('id').execute();
    return rows.map((r) => r.comment);
  }

  /**
   * Who could answer a round: active users with a login, and anyone else who did answer (an
   * account whose login was removed since) — so the rate never exceeds 100 %.
   */
  async eligible(tx: Tx, roundId: string): Promise<number> {
    const { rows } = await sql<{ n: string }>`
      SELECT count(*)::text AS n FROM users u
       WHERE (u.active AND u.password_hash IS NOT NULL)
          OR EXISTS (SELECT 1 FROM survey_responses r WHERE r.round_id = ${roundId} AND r.user_id = u.id)`.execute(tx);
    return Number(rows[0]?.n ?? 0);
  }

  /** Users to invite: active, with a login. */
  async loginUserIds(tx: Tx): Promise<string[]> {
    const rows = await tx.selectFrom('users').select('id').where('active', '=', true).where('password_hash', 'is not', null).execute();
    return rows.map((r) => r.id);
  }

  async departments(tx: Tx): Promise<{ id: string; name: string }[]> {
    return tx.selectFrom('departments').select(['id', 'name']).orderBy('sort').orderBy('name').execute();
  }
}
