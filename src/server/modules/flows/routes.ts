import { z } from 'zod';
import type { Api } from '../../platform/module.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { SUBJECT_TYPES } from '../../../core/flows/index.js';
import { WorkCalendarSchema } from '../../../core/flows/index.js';
import type { CaseService } from './cases.js';
import type { TemplateService } from './templates.js';
import type { CalendarService } from './calendar-service.js';

const uuid = z.uuid();
const IdParams = z.object({ id: uuid });
const Version = z.number().int().min(1);
const CATEGORIES = ['collaboration', 'hazard', 'emergency', 'inspection', 'school', 'park'] as const;
const TASK_STATUSES = ['open', 'in_progress', 'submitted', 'done', 'cancelled'] as const;
const CASE_STATUSES = ['running', 'completed', 'cancelled'] as const;
const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',') : undefined))
    .pipe(z.array(z.enum(values)).max(values.length).optional());
/** A calendar day YYYY-MM-DD (a real date). */
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a valid date');
const paging = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

const TemplateFields = {
  name: z.string().trim().min(1).max(100),
  description: z.string().max(1000).optional(),
  category: z.enum(CATEGORIES),
  subjectTypes: z.array(z.enum(SUBJECT_TYPES)).min(1).max(SUBJECT_TYPES.length),
  keywords: z.array(z.string().trim().min(1).max(30)).max(30).optional(),
  /** Checked by the engine's own validator, which names every problem's path. */
  definition: z.unknown(),
};
const DataValue = z.union([z.string().max(200), z.number().finite(), z.boolean()]);
const DataObject = z.record(z.string().max(40), DataValue).refine((o) => Object.keys(o).length <= 40, 'at most 40 fields');

export function flowRoutes(api: Api, templates: TemplateService, cases: CaseService, calendar: CalendarService): void {
  // ——— templates ———
  api.get(
    '/flows/templates',
    { schema: { tags: ['flows'], summary: 'Process templates: the latest version of each (name, version, steps, definition)', querystring: z.strictObject({ all: z.enum(['0', '1']).optional() }) } },
    async (request) => templates.list(actorOf(request), request.query.all === '1'),
  );
  api.get(
    '/flows/templates/suggest',
    {
      schema: {
        tags: ['flows'],
        summary: 'The template that fits a subject (keywords in a hazard’s text), with the case data it implies',
        querystring: z.strictObject({ subjectType: z.enum(SUBJECT_TYPES), subjectId: uuid.optional() }),
      },
    },
    async (request) => cases.suggest(actorOf(request), request.query.subjectType, request.query.subjectId),
  );
  api.get(
    '/flows/templates/:id',
    { schema: { tags: ['flows'], summary: 'One template version with the list of its versions', params: IdParams } },
    async (request) => templates.get(actorOf(request), request.params.id),
  );
  api.post(
    '/flows/templates/validate',
    { schema: { tags: ['flows'], summary: 'Check a definition without saving: can every case of it finish?', body: z.strictObject({ definition: z.unknown(), subjectTypes: z.array(z.string().max(40)).max(10).optional() }) } },
    async (request) => templates.validate(request.body.definition, request.body.subjectTypes),
  );
  api.post(
    '/flows/templates',
    { schema: { tags: ['flows'], summary: 'A new template (version 1); refused if it cannot finish', body: z.strictObject({ key: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/).optional(), ...TemplateFields }) } },
    async (request, reply) => reply.code(201).send(await templates.create(actorOf(request), request.body)),
  );
  api.post(
    '/flows/templates/:id/versions',
    {
      schema: {
        tags: ['flows'],
        summary: 'Save a new version (send the latest version you read as baseVersion); running cases keep theirs',
        params: IdParams,
        body: z.strictObject({ baseVersion: Version, ...TemplateFields }),
      },
    },
    async (request, reply) => {
      const { baseVersion, ...input } = request.body;
      return reply.code(201).send(await templates.newVersion(actorOf(request), request.params.id, baseVersion, input));
    },
  );
  api.get(
    '/flows/step-kinds',
    { schema: { tags: ['flows'], summary: 'Step kinds modules registered (评估定级, 维修方案, 资质核查 …): form, default department function, records they act on' } },
    async () => templates.stepKinds(),
  );
  api.get('/flows/departments', { schema: { tags: ['flows'], summary: 'Departments a task can be assigned to' } }, async (request) =>
    cases.departments(actorOf(request)),
  );
  api.get('/flows/calendar', { schema: { tags: ['flows'], summary: 'The working calendar for deadlines in working hours' } }, async (request) =>
    calendar.get(actorOf(request)),
  );
  api.put(
    '/flows/calendar',
    { schema: { tags: ['flows'], summary: 'Change the working calendar (holidays, 调休 workdays, hours); send the version you read (0 if never saved)', body: z.strictObject({ version: z.number().int().min(0), calendar: WorkCalendarSchema }) } },
    async (request) => calendar.save(actorOf(request), request.body.version, request.body.calendar),
  );

  // ——— cases ———
  api.get(
    '/flows/instances',
    {
      schema: {
        tags: ['flows'],
        summary: 'Collaboration cases the caller may see, newest first',
        querystring: z.strictObject({
          status: csv(CASE_STATUSES),
          subjectType: z.enum(SUBJECT_TYPES).optional(),
          subjectId: uuid.optional(),
          templateId: uuid.optional().describe('cases of this template version'),
          departmentId: uuid.optional().describe('cases in which this department has a task'),
          from: isoDay.optional().describe('launched on or after this day (UTC+8)'),
          to: isoDay.optional().describe('launched on or before this day (UTC+8)'),
          ...paging,
        }),
      },
    },
    async (request) => {
      const q = request.query;
      return cases.list(
        actorOf(request),
        { status: q.status, subjectType: q.subjectType, subjectId: q.subjectId, templateId: q.templateId, departmentId: q.departmentId, from: q.from, to: q.to },
        q.page,
        q.pageSize,
      );
    },
  );
  api.post(
    '/flows/instances',
    {
      schema: {
        tags: ['flows'],
        summary: '发起协同: launch a case from a template; each department gets its task at once. Send an Idempotency-Key to make retries safe.',
        headers: IdempotencyHeaders,
        body: z.strictObject({
          templateId: uuid,
          title: z.string().trim().min(1).max(200),
          subjectType: z.enum(SUBJECT_TYPES),
          subjectId: uuid.optional(),
          data: DataObject.optional(),
          tasks: z
            .record(z.string().max(64), z.strictObject({ departmentId: uuid.optional(), deadlineHours: z.number().positive().max(24 * 365).optional() }))
            .refine((o) => Object.keys(o).length <= 200, 'at most 200 tasks')
            .optional(),
        }),
      },
    },
    async (request, reply) => {
      const { body, replayed } = await cases.launch(actorOf(request), request.body, request.headers['idempotency-key']);
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(body);
    },
  );
  api.get(
    '/flows/instances/:id',
    { schema: { tags: ['flows'], summary: 'The case board: tasks, flow diagram state, timeline and comments', params: IdParams } },
    async (request) => cases.get(actorOf(request), request.params.id),
  );
  api.patch(
    '/flows/instances/:id/data',
    { schema: { tags: ['flows'], summary: 'Change the case data (participant rules may add departments)', params: IdParams, body: z.strictObject({ version: Version, data: DataObject }) } },
    async (request) => cases.setData(actorOf(request), request.params.id, request.body.version, request.body.data),
  );
  api.post(
    '/flows/instances/:id/cancel',
    { schema: { tags: ['flows'], summary: 'Cancel the case and every open task and timer', params: IdParams, body: z.strictObject({ version: Version, reason: z.string().trim().min(1).max(1000) }) } },
    async (request) => cases.cancel(actorOf(request), request.params.id, request.body.version, request.body.reason),
  );
  api.post(
    '/flows/instances/:id/comments',
    {
      schema: {
        tags: ['flows'],
        summary: 'A comment or annotation visible to all participants (text, photos, @mentions)',
        params: IdParams,
        body: z.strictObject({
          body: z.string().trim().min(1).max(2000),
          taskKey: z.string().max(64).optional(),
          files: z.array(uuid).max(9).optional(),
          mentions: z.array(uuid).max(20).optional(),
        }),
      },
    },
    async (request, reply) => reply.code(201).send(await cases.comment(actorOf(request), request.params.id, request.body)),
  );

  // ——— tasks ———
  api.get(
    '/flows/tasks',
    {
      schema: {
        tags: ['flows'],
        summary: 'Tasks of my department (scope=mine) or waiting for my decision as initiator (scope=review)',
        querystring: z.strictObject({ scope: z.enum(['mine', 'review']).default('mine'), status: csv(TASK_STATUSES), ...paging }),
      },
    },
    async (request) => {
      const q = request.query;
      return cases.listTasks(actorOf(request), q.scope, q.status, q.page, q.pageSize);
    },
  );
  const step = (path: string, summary: string, body: z.ZodObject, toCommand: (b: any) => Parameters<CaseService['taskAction']>[3]) =>
    api.post(
      `/flows/tasks/:id/${path}`,
      { schema: { tags: ['flows'], summary, params: IdParams, body } },
      async (request) => {
        const b = request.body as { version: number };
        return cases.taskAction(actorOf(request), request.params.id, b.version, toCommand(b));
      },
    );
  step('start', '接收: the department takes the task', z.strictObject({ version: Version }), () => ({ type: 'start' }));
  step(
    'submit',
    '提交成果: outputs as the task’s form asks (file ids from POST /files)',
    z.strictObject({ version: Version, outputs: z.record(z.string().max(40), z.unknown()).refine((o) => Object.keys(o).length <= 40, 'at most 40 fields') }),
    (b) => ({ type: 'submit', outputs: b.outputs }),
  );
  step('approve', 'The initiator accepts the outputs', z.strictObject({ version: Version }), () => ({ type: 'approve' }));
  step('reject', 'The initiator sends the task back with a reason', z.strictObject({ version: Version, reason: z.string().trim().min(1).max(1000) }), (b) => ({
    type: 'reject',
    reason: b.reason,
  }));
  step(
    'extension',
    'The department asks for more time, with a reason',
    z.strictObject({ version: Version, until: z.iso.datetime({ offset: true }), reason: z.string().trim().min(1).max(1000) }),
    (b) => ({ type: 'requestExtension', until: new Date(b.until), reason: b.reason }),
  );
  step(
    'extension/decision',
    'The initiator grants or refuses the extension',
    z.strictObject({ version: Version, approve: z.boolean(), comment: z.string().trim().max(1000).optional() }),
    (b) => ({ type: 'decideExtension', approve: b.approve, comment: b.comment }),
  );
}
