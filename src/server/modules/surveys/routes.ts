import { z } from 'zod';
import type { Api } from '../../platform/module.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import type { SurveyService } from './service.js';
import { MAX_COMMENT } from './questions.js';

const IdParams = z.object({ id: z.uuid() });

export function surveyRoutes(api: Api, service: SurveyService): void {
  api.get(
    '/surveys/current',
    { schema: { tags: ['surveys'], summary: "The satisfaction survey round open now (null: none) and the caller's answer to it" } },
    async (request) => service.current(actorOf(request)),
  );

  api.post(
    '/surveys/:id/responses',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Answer an open round, once per user: every question a whole number 1–5 (422 with the question paths), 409 when answered already or the round is not open',
        params: IdParams,
        body: z.strictObject({
          answers: z.record(z.string().max(40), z.unknown()).describe('{ questionKey: 1..5 } for every question of the round'),
          comment: z.string().max(MAX_COMMENT).optional(),
        }),
      },
    },
    async (request, reply) => reply.status(201).send(await service.respond(actorOf(request), request.params.id, request.body as never)),
  );

  api.get(
    '/surveys',
    { schema: { tags: ['surveys'], summary: 'Survey rounds, newest first, with their response counts (surveys.manage or analytics.view_all)' } },
    async (request) => service.list(actorOf(request)),
  );

  api.get(
    '/surveys/:id/results',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Means per question, overall and per department (a department only from 3 responses on), response rate; comments without names for surveys.manage',
        params: IdParams,
      },
    },
    async (request) => service.results(actorOf(request), request.params.id),
  );

  api.post(
    '/surveys',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Open the round of the current quarter now (surveys.manage); everyone with a login is invited; 409 if the quarter has a round',
        body: z.strictObject({}).optional(),
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(actorOf(request))),
  );
}
