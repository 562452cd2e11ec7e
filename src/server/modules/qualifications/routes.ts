import { z } from 'zod';
import type { Api } from '../../platform/module.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import type { QualificationService } from './service.js';

const uuid = z.uuid();
const IdParams = z.object({ id: uuid });

export function qualificationRoutes(api: Api, service: QualificationService): void {
  api.get(
    '/qualification-checks',
    {
      schema: {
        tags: ['qualifications'],
        summary: 'Operator qualification checks, newest first (人事部, safety, admin)',
        querystring: z.strictObject({
          status: z.enum(['pending', 'confirmed']).optional(),
          hazardId: uuid.optional(),
          page: z.coerce.number().int().min(1).max(100000).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      return service.list(actorOf(request), { status: q.status, hazardId: q.hazardId }, q.page, q.pageSize);
    },
  );

  api.get(
    '/qualification-checks/:id',
    { schema: { tags: ['qualifications'], summary: 'One check: every operator with certificates, missing and expired ones', params: IdParams } },
    async (request) => service.get(actorOf(request), request.params.id),
  );

  api.post(
    '/qualification-checks/:id/confirm',
    {
      schema: {
        tags: ['qualifications'],
        summary: '人事部 confirms the check after verifying (send the version you read)',
        params: IdParams,
        body: z.strictObject({ version: z.number().int().min(1), note: z.string().max(2000).optional() }),
      },
    },
    async (request) => service.confirm(actorOf(request), request.params.id, request.body),
  );

  api.get(
    '/equipment/:id/operators',
    { schema: { tags: ['qualifications'], summary: 'Operators of a piece of equipment, their certificates and whether each is qualified today', params: IdParams } },
    async (request) => service.operators(actorOf(request), request.params.id),
  );

  api.get(
    '/users/:id/certificates',
    { schema: { tags: ['qualifications'], summary: "A person's certificates with their status today (HR, safety, admin, or the person)", params: IdParams } },
    async (request) => service.certificates(actorOf(request), request.params.id),
  );
}
