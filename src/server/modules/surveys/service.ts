import { can, type Actor } from '../../platform/access.js';
import type { Platform } from '../../platform/platform.js';
import type { Work } from '../../platform/work.js';
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError, type ErrorDetail } from '../../platform/errors.js';
import { NotificationService } from '../notifications/service.js';
import { DEFAULT_QUESTIONS, MAX_COMMENT, MAX_SCORE, MIN_DEPARTMENT_RESPONSES, MIN_SCORE, quarterAt, roundTitle, roundWindow } from './questions.js';
import { SurveyStore, type ResponseRow, type RoundRow } from './store.js';
import type { CurrentSurveyView, DepartmentResult, SurveyAnswerView, SurveyResultsView, SurveyRoundSummary, SurveyRoundView } from './views.js';
import { scheduleNextOpening } from './job.js';

const round2 = (x: number) => Math.round(x * 100) / 100;
const meanOf = (sum: number, count: number) => (count ? round2(sum / count) : null);

export function presentRound(r: RoundRow, now: Date): SurveyRoundView {
  const opens = new Date(r.opens_at);
  const closes = new Date(r.closes_at);
  return {
    id: r.id,
    quarter: r.quarter,
    title: r.title,
    questions: r.questions,
    opensAt: opens.toISOString(),
    closesAt: closes.toISOString(),
    state: now < opens ? 'upcoming' : now > closes ? 'closed' : 'open',
  };
}

const presentAnswer = (r: ResponseRow): SurveyAnswerView => ({ answers: r.answers, comment: r.comment, submittedAt: new Date(r.submitted_at).toISOString() });

/** Managers of the survey and company-wide analysts see rounds and results. */
function requireResultsAccess(actor: Actor) {
  if (!can(actor, 'surveys.manage') && !can(actor, 'analytics.view_all')) throw new ForbiddenError('missing permission surveys.manage or analytics.view_all');
}

function requireUser(actor: Actor): string {
  if (!actor.userId) throw new UnauthenticatedError('a survey is answered by a user');
  return actor.userId;
}

/**
 * The quarterly satisfaction survey (C14): every user answers the open round once (1–5 per
 * question); results are means only, per department only from three responses on, and comments
 * carry no names.
 */
export class SurveyService {
  readonly store = new SurveyStore();
  private readonly notifications: NotificationService;
  constructor(private readonly p: Platform) {
    this.notifications = new NotificationService(p);
  }

  current(actor: Actor): Promise<CurrentSurveyView> {
    const userId = requireUser(actor);
    return this.p.run(actor, async (w) => {
      const round = await this.store.openRound(w.tx, w.clock.now());
      if (!round) return { round: null, answer: null };
      const answer = await this.store.response(w.tx, round.id, userId);
      return { round: presentRound(round, w.clock.now()), answer: answer ? presentAnswer(answer) : null };
    });
  }

  respond(actor: Actor, roundId: string, body: { answers: Record<string, number>; comment?: string }): Promise<SurveyAnswerView> {
    const userId = requireUser(actor);
    return this.p.run(actor, async (w) => {
      const round = await this.store.round(w.tx, roundId);
      if (!round) throw new NotFoundError('survey round', roundId);
      const now = w.clock.now();
      const state = presentRound(round, now).state;
      if (state !== 'open') throw new ConflictError(state === 'closed' ? 'the survey round has closed' : 'the survey round has not opened yet', 'INVALID_STATE');
      const details = answerProblems(round, body);
      if (details.length) throw new ValidationError('the answers are incomplete or out of range', details);
      const answers = Object.fromEntries(round.questions.map((q) => [q.key, body.answers[q.key]]));
      const row = await this.store.insertResponse(w.tx, {
        tenant_id: w.tenantId,
        round_id: round.id,
        user_id: userId,
        department_id: actor.departmentId,
        answers,
        comment: (body.comment ?? '').trim(),
        submitted_at: now,
      });
      if (!row) throw new ConflictError('you have answered this survey round already');
      // The audit trail records that someone answered, not what: the answers stay anonymous in every view.
      w.audit({ action: 'survey.respond', entityType: 'survey_round', entityId: round.id, after: { quarter: round.quarter } });
      return presentAnswer(row);
    });
  }

  list(actor: Actor): Promise<{ items: SurveyRoundSummary[] }> {
    requireResultsAccess(actor);
    return this.p.run(actor, async (w) => {
      const now = w.clock.now();
      return { items: (await this.store.rounds(w.tx)).map((r) => ({ ...presentRound(r, now), responses: r.responses })) };
    });
  }

  results(actor: Actor, roundId: string): Promise<SurveyResultsView> {
    requireResultsAccess(actor);
    return this.p.run(actor, async (w) => {
      const round = await this.store.round(w.tx, roundId);
      if (!round) throw new NotFoundError('survey round', roundId);
      const [totals, perDepartment, departments, eligible] = await Promise.all([
        this.store.answerTotals(w.tx, round.id),
        this.store.responsesByDepartment(w.tx, round.id),
        this.store.departments(w.tx),
        this.store.eligible(w.tx, round.id),
      ]);
      const responses = [...perDepartment.values()].reduce((a, b) => a + b, 0);
      const questions = round.questions.map((q) => {
        const rows = totals.filter((t) => t.key === q.key);
        const sum = rows.reduce((a, t) => a + t.sum, 0);
        const count = rows.reduce((a, t) => a + t.count, 0);
        return { ...q, mean: meanOf(sum, count), count };
      });
      const all = totals.reduce((a, t) => ({ sum: a.sum + t.sum, count: a.count + t.count }), { sum: 0, count: 0 });
      const names = new Map(departments.map((d) => [d.id, d.name]));
      const rows: DepartmentResult[] = [...perDepartment.entries()].map(([departmentId, n]) => {
        const hidden = n < MIN_DEPARTMENT_RESPONSES;
        const own = totals.filter((t) => t.department_id === departmentId);
        const sum = own.reduce((a, t) => a + t.sum, 0);
        const count = own.reduce((a, t) => a + t.count, 0);
        return {
          departmentId,
          departmentName: departmentId ? (names.get(departmentId) ?? '') : '',
          responses: n,
          hidden,
          mean: hidden ? null : meanOf(sum, count),
          means: hidden ? null : Object.fromEntries(own.map((t) => [t.key, round2(t.sum / t.count)])),
        };
      });
      const order = new Map(departments.map((d, i) => [d.id, i]));
      rows.sort((a, b) => (order.get(a.departmentId ?? '') ?? 1e9) - (order.get(b.departmentId ?? '') ?? 1e9));
      return {
        round: { ...presentRound(round, w.clock.now()), responses },
        eligible,
        responseRate: eligible ? Math.min(1, responses / eligible) : null,
        mean: meanOf(all.sum, all.count),
        questions,
        departments: rows,
        minResponses: MIN_DEPARTMENT_RESPONSES,
        comments: can(actor, 'surveys.manage') ? await this.store.comments(w.tx, round.id) : null,
      };
    });
  }

  /** Open the round of the current quarter now, by hand (surveys.manage); 409 if the quarter has one. */
  create(actor: Actor, quarter?: string): Promise<SurveyRoundView> {
    if (!can(actor, 'surveys.manage')) throw new ForbiddenError('missing permission surveys.manage');
    return this.p.run(actor, async (w) => {
      const now = w.clock.now();
      const q = quarter ?? quarterAt(now);
      if (roundWindow(q).closesAt <= now) throw new ValidationError('the quarter is over', [{ path: 'body.quarter', message: 'the quarter has ended' }]);
      const round = await this.open(w, q, now);
      if (!round) throw new ConflictError(`the quarter ${q} has a survey round already`, 'CONFLICT');
      return presentRound(round, now);
    });
  }

  /**
   * Open a quarter's round (by hand or by the quarterly job): the round, an invitation to every
   * user with a login, the audit entry, and the next quarter's opening job. Undefined when the
   * quarter has a round already.
   */
  async open(w: Work, quarter: string, now: Date): Promise<RoundRow | undefined> {
    const { closesAt } = roundWindow(quarter);
    const round = await this.store.insertRound(w.tx, {
      tenant_id: w.tenantId,
      quarter,
      title: roundTitle(quarter),
      questions: DEFAULT_QUESTIONS,
      opens_at: now,
      closes_at: closesAt,
      created_by: w.actor.userId,
      created_at: now,
    });
    if (!round) return undefined;
    const users = await this.store.loginUserIds(w.tx);
    const due = closesAt.toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai', month: 'long', day: 'numeric' });
    await this.notifications.notify(w, users, {
      kind: 'survey.opened',
      title: `${round.title}已开始`,
      body: `共${round.questions.length}题，每题1–5分，约1分钟；结果只按平均分统计，不显示姓名。${due}截止。`,
      link: '/surveys',
      subjectType: 'survey_round',
      subjectId: round.id,
      dedupeKey: `survey:${round.id}`,
    });
    w.audit({ action: 'survey.open', entityType: 'survey_round', entityId: round.id, after: { quarter, opensAt: now.toISOString(), closesAt: closesAt.toISOString(), invited: users.length } });
    await scheduleNextOpening(w, this.store);
    return round;
  }
}

/** Every question answered with a whole number 1–5, nothing else; a comment of at most 500 characters. */
export function answerProblems(round: Pick<RoundRow, 'questions'>, body: { answers: Record<string, unknown>; comment?: string }): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const q of round.questions) {
    const v = body.answers[q.key];
    if (v === undefined || v === null) details.push({ path: `body.answers.${q.key}`, message: 'required' });
    else if (typeof v !== 'number' || !Number.isInteger(v) || v < MIN_SCORE || v > MAX_SCORE) details.push({ path: `body.answers.${q.key}`, message: `a whole number from ${MIN_SCORE} to ${MAX_SCORE}` });
  }
  for (const k of Object.keys(body.answers)) {
    if (!round.questions.some((q) => q.key === k)) details.push({ path: `body.answers.${k}`, message: 'not a question of this round' });
  }
  if ((body.comment ?? '').trim().length > MAX_COMMENT) details.push({ path: 'body.comment', message: `at most ${MAX_COMMENT} characters` });
  return details;
}
