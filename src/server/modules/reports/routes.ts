import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { Api } from '../../platform/module.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { MonthParam, QuarterParam } from '../analytics/params.js';
import { MIME, type ReportFile, type ReportService } from './service.js';

const Format = z.enum(['pdf', 'xlsx']);
const DepartmentId = z.uuid().optional().describe('view_all: any department (default: the whole company); view_department: only one’s own');

function sendFile(reply: FastifyReply, f: ReportFile) {
  return reply
    .header('content-type', f.mime)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
    .header('cache-control', 'private, no-store')
    .send(f.data);
}

/** Evaluation reports: generate a month's or a quarter's on demand, list and download the archive. */
export function reportRoutes(api: Api, service: ReportService): void {
  api.get(
    '/reports/monthly',
    {
      schema: {
        tags: ['reports'],
        summary: 'The monthly evaluation report (PDF with charts, or XLSX) of the caller’s scope; also archived',
        querystring: z.strictObject({
          month: MonthParam,
          format: Format.default('pdf'),
          departmentId: DepartmentId,
        }),
        produces: [MIME.pdf, MIME.xlsx],
      },
    },
    async (request, reply) => {
      const q = request.query;
      return sendFile(reply, await service.generate(actorOf(request), { kind: 'monthly', period: q.month, format: q.format, departmentId: q.departmentId }));
    },
  );

  api.get(
    '/reports/quarterly',
    {
      schema: {
        tags: ['reports'],
        summary: 'The quarterly evaluation report (PDF with charts, or XLSX) of the caller’s scope; also archived',
        querystring: z.strictObject({
          quarter: QuarterParam,
          format: Format.default('pdf'),
          departmentId: DepartmentId,
        }),
        produces: [MIME.pdf, MIME.xlsx],
      },
    },
    async (request, reply) => {
      const q = request.query;
      return sendFile(reply, await service.generate(actorOf(request), { kind: 'quarterly', period: q.quarter, format: q.format, departmentId: q.departmentId }));
    },
  );

  api.get(
    '/reports',
    {
      schema: {
        tags: ['reports'],
        summary: 'Generated reports (scheduled and on demand), newest first, in the caller’s scope',
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
      },
    },
    async (request) => ({ items: await service.list(actorOf(request), request.query.limit) }),
  );

  api.get(
    '/reports/:id/file',
    { schema: { tags: ['reports'], summary: 'Download a stored report', params: z.object({ id: z.uuid() }), produces: [MIME.pdf, MIME.xlsx] } },
    async (request, reply) => sendFile(reply, await service.file(actorOf(request), request.params.id)),
  );
}
