import { z } from 'zod';
import type { Api } from '../../platform/module.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import type { RepairService } from './service.js';

const uuid = z.uuid();
const IdParams = z.object({ id: uuid });
const STATUSES = ['open', 'in_progress', 'done'] as const;

export function repairRoutes(api: Api, service: RepairService): void {
  api.get(
    '/repair-orders',
    {
      schema: {
        tags: ['repairs'],
        summary: 'Repair orders (设备部: its own; safety and admin: all), open work first',
        querystring: z.strictObject({
          status: z
            .string()
            .optional()
            .transform((s) => (s ? s.split(',') : undefined))
            .pipe(z.array(z.enum(STATUSES)).optional()),
          page: z.coerce.number().int().min(1).max(100000).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      return service.list(actorOf(request), { status: q.status }, q.page, q.pageSize);
    },
  );

  api.get(
    '/repair-orders/:id',
    { schema: { tags: ['repairs'], summary: 'One repair order with its hazard, plan and files', params: IdParams } },
    async (request) => service.get(actorOf(request), request.params.id),
  );

  api.post(
    '/repair-orders/:id/start',
    {
      schema: {
        tags: ['repairs'],
        summary: '设备部 takes the order: assignee (default: the caller) and the repair plan, optional files from POST /files',
        params: IdParams,
        body: z.strictObject({
          version: z.number().int().min(1),
          assigneeId: uuid.optional(),
          plan: z.string().trim().min(1).max(5000),
          planFiles: z.array(uuid).max(9).optional(),
        }),
      },
    },
    async (request) => service.start(actorOf(request), request.params.id, request.body),
  );

  api.post(
    '/repair-orders/:id/complete',
    {
      schema: {
        tags: ['repairs'],
        summary: 'The repair is done (send the version you read)',
        params: IdParams,
        body: z.strictObject({ version: z.number().int().min(1), note: z.string().trim().min(1).max(5000) }),
      },
    },
    async (request) => service.complete(actorOf(request), request.params.id, request.body),
  );
}
