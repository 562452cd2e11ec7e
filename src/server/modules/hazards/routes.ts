import { z } from 'zod';
import type { Api } from '../../platform/module.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import type { HazardService } from './service.js';
import { AppError } from '../../platform/errors.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const uuid = z.uuid();
import { HAZARD_STATUSES } from '../../../core/hazards/lifecycle.js';

const ReportBody = z.strictObject({
  title: z.string().trim().min(1).max(200),
  description: z.string().max(5000).optional(),
  areaId: uuid.nullable().optional(),
  equipmentId: uuid.nullable().optional(),
  departmentId: uuid,
  photos: z.array(uuid).max(9).optional(),
  location: z
    .strictObject({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180), accuracy: z.number().min(0).max(100000).optional() })
    .nullable()
    .optional(),
});

const EditBody = z.strictObject({
  version: z.number().int().min(1),
  title: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(5000).optional(),
  areaId: uuid.nullable().optional(),
  equipmentId: uuid.nullable().optional(),
  departmentId: uuid.optional(),
});

const ListQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  status: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',') : undefined))
    .pipe(z.array(z.enum(HAZARD_STATUSES)).optional()),
  departmentId: uuid.optional(),
  areaId: uuid.optional(),
  grade: z.enum(['general', 'major', 'none']).optional(),
  q: z.string().trim().max(100).optional(),
  mine: z.enum(['true', 'false']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  sort: z.enum(['reportedAt', '-reportedAt', 'code', '-code', 'status', '-status']).default('-reportedAt'),
});

const IdParams = z.object({ id: uuid });
const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });

export function hazardRoutes(api: Api, service: HazardService): void {
  api.post(
    '/hazards',
    {
      config: { token: ['hazard.report'] },
      schema: {
        tags: ['hazards'],
        summary: 'Report a hazard (隐患上报). Send an Idempotency-Key to make retries safe.',
        body: ReportBody,
        headers: IdempotencyHeaders,
      },
    },
    async (request, reply) => {
      const { body, replayed } = await service.report(actorOf(request), request.body, request.headers['idempotency-key']);
      if (replayed) reply.header('idempotent-replayed', 'true');
      reply.status(201);
      return body;
    },
  );

  const filterOf = (actor: ReturnType<typeof actorOf>, q: z.infer<typeof ListQuery>) => ({
    status: q.status,
    departmentId: q.departmentId,
    areaId: q.areaId,
    grade: q.grade,
    q: q.q || undefined,
    reporterId: q.mine === 'true' ? (actor.userId ?? undefined) : undefined,
    overdue: q.overdue === 'true',
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
  });

  api.get(
    '/hazards',
    { config: { token: ['hazard.view_all', 'hazard.view_department'] }, schema: { tags: ['hazards'], summary: 'Hazards the caller may see, paged, filtered and sorted', querystring: ListQuery } },
    async (request, reply) => {
      const actor = actorOf(request);
      const json = await service.list(actor, filterOf(actor, request.query), request.query.sort, request.query.page, request.query.pageSize);
      return reply.type('application/json; charset=utf-8').send(json);
    },
  );

  api.get(
    '/hazards/export',
    {
      schema: {
        tags: ['hazards'],
        summary: 'The filtered list as an Excel ledger (.xlsx), same filters as the list',
        querystring: ListQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const file = await service.exportList(actor, filterOf(actor, request.query), request.query.sort);
      const name = `隐患台账-${new Date().toISOString().slice(0, 10)}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(file);
    },
  );

  api.addContentTypeParser(XLSX, { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (_request, body, done) => done(null, body));
  api.post(
    '/hazards/import',
    {
      bodyLimit: 10 * 1024 * 1024,
      schema: {
        tags: ['hazards'],
        summary: 'Import a legacy hazard ledger (.xlsx body; columns as the export writes). All rows or none; ?dryRun=true only checks.',
        consumes: [XLSX],
        querystring: z.strictObject({ dryRun: z.enum(['true', 'false']).optional() }),
      },
    },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', `send the workbook as the body with Content-Type ${XLSX}`);
      }
      const result = await service.importLedger(actorOf(request), request.body, request.query.dryRun === 'true');
      reply.status(request.query.dryRun === 'true' ? 200 : 201);
      return result;
    },
  );

  api.get('/hazards/:id', { schema: { tags: ['hazards'], summary: 'One hazard with what the caller may do', params: IdParams } }, async (request) =>
    service.get(actorOf(request), request.params.id),
  );

  api.patch(
    '/hazards/:id',
    { schema: { tags: ['hazards'], summary: "Correct a hazard's details (send the version you read)", params: IdParams, body: EditBody } },
    async (request) => service.edit(actorOf(request), request.params.id, request.body),
  );

  api.get(
    '/hazards/:id/history',
    { schema: { tags: ['hazards'], summary: 'Audit trail of one hazard: who, what, when, on which basis', params: IdParams } },
    async (request) => service.history(actorOf(request), request.params.id),
  );
}
