import { z } from 'zod';
import type { Api } from '../../platform/module.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import type { HazardLoop } from './loop.js';
import type { HazardService } from './service.js';

const uuid = z.uuid();
const IdParams = z.object({ id: uuid });
const version = z.number().int().min(1);
// Allowed values and bands come from the tenant's standards (checked when evaluated), not from here.
const factor = z.number().min(0).max(100);
const Risk = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('lec'), l: factor, e: factor, c: factor }),
  z.strictObject({ method: z.literal('ls'), l: factor, s: factor }),
]);

/** The closed loop: 评估定级 → 整改派发 → 提交整改 → 验收. */
export function loopRoutes(api: Api, loop: HazardLoop, service: HazardService): void {
  api.post(
    '/hazards/:id/assess',
    {
      schema: {
        tags: ['hazards'],
        summary: '评估定级: grade by the unified standard (figures) or by judgement, optional LEC/LS risk, with its basis',
        params: IdParams,
        body: z.strictObject({
          version,
          grade: z.enum(['general', 'major']).optional(),
          potentialDeaths: z.number().int().min(0).max(100000).optional(),
          directLossYuan: z.number().min(0).max(1e12).optional(),
          risk: Risk.optional(),
          basis: z.string().trim().min(1).max(2000),
        }),
      },
    },
    async (request) => loop.assess(actorOf(request), request.params.id, request.body),
  );

  api.post(
    '/hazards/:id/dispatch',
    {
      schema: {
        tags: ['hazards'],
        summary: '整改派发: responsible department and person, deadline, measures, budget; 重大隐患 need a supervisor',
        params: IdParams,
        body: z.strictObject({
          version,
          responsibleDepartmentId: uuid,
          responsibleUserId: uuid,
          deadline: z.iso.datetime({ offset: true }),
          measures: z.string().trim().min(1).max(5000),
          budgetYuan: z.number().min(0).max(1e12).optional(),
          supervisorId: uuid.optional(),
        }),
      },
    },
    async (request) => loop.dispatch(actorOf(request), request.params.id, request.body),
  );

  api.post(
    '/hazards/:id/submit',
    {
      schema: {
        tags: ['hazards'],
        summary: '提交整改: what was done, with after-photos',
        params: IdParams,
        body: z.strictObject({ version, note: z.string().trim().min(1).max(5000), afterPhotos: z.array(uuid).min(1).max(9) }),
      },
    },
    async (request) => loop.submit(actorOf(request), request.params.id, request.body),
  );

  api.post(
    '/hazards/:id/verify',
    {
      schema: {
        tags: ['hazards'],
        summary: '验收: pass → 销号; reject with a reason → back to 整改',
        params: IdParams,
        body: z.strictObject({ version, result: z.enum(['pass', 'reject']), comment: z.string().trim().max(2000).optional() }),
      },
    },
    async (request) => loop.verify(actorOf(request), request.params.id, request.body),
  );

  api.get(
    '/hazards/major-register',
    { schema: { tags: ['hazards'], summary: '重大隐患挂牌督办台账: open major hazards, most urgent first' } },
    async (request) => service.majorRegister(actorOf(request)),
  );
}
