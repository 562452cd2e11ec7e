import { z } from 'zod';
import type { Api } from '../../platform/module.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import type { StandardsService } from './service.js';
import { CreateMappingBody, EditMappingBody, EvaluateBody, PreviewBody, SaveStandardsBody } from './schemas.js';
import { EvaluationAnswer } from './answers.js';

const IdParams = z.object({ id: z.uuid() });
const VersionParams = z.object({ version: z.coerce.number().int().min(1).max(2_147_483_647) });
const tags = ['standards'];

export function standardsRoutes(api: Api, service: StandardsService): void {
  api.get(
    '/standards',
    { schema: { tags, summary: "The tenant's current standards document (统一标准) and its version number" } },
    async (request) => service.get(actorOf(request)),
  );

  api.put(
    '/standards',
    {
      schema: {
        tags,
        summary: 'Save an edited standards document as a new version (send the version you read; stale → 409 VERSION_CONFLICT)',
        body: SaveStandardsBody,
      },
    },
    async (request) => service.save(actorOf(request), request.body),
  );

  api.get('/standards/versions', { schema: { tags, summary: 'Version history of the standards, newest first' } }, async (request) =>
    service.versions(actorOf(request)),
  );

  api.get(
    '/standards/versions/:version',
    { schema: { tags, summary: 'One stored version of the standards (what older records were graded with)', params: VersionParams } },
    async (request) => service.get(actorOf(request), request.params.version),
  );

  api.post(
    '/standards/evaluate',
    {
      schema: {
        tags,
        summary: 'Evaluate an input with the tenant standards (the one evaluation path the web previews use)',
        description: [
          'Every answer carries `version` (the standards version used) and `basis` (the regulation). Inputs by kind:',
          '- `lec` {l, e, c} · `ls` {l, s} · `hazard-grade` {potentialDeaths, directLossYuan} · `accident-level` {deaths, seriousInjuries, directLossYuan} · `weather-level` {color} → {level, color, label, score?, riskLevel?}',
          '- `special-equipment-inspection` {equipmentType, lastInspection: YYYY-MM-DD, safetyGrade? (pressure_vessel only, 1–3)} → {nextDue, applyBy, intervalMonths}',
          '- `inspection-frequency` {asOf: YYYY-MM-DD, hazards: [{reportedOn, type}] (≤ 1000)} → {frequency: monthly | biweekly, specialItems, reason}',
          '- `hazard-type` {text} → {type, label, keywords, alternatives}',
          '- `training-hours` {role: principal | safety_manager | employee, highRisk, stage: initial | annual} → {minHours | null}',
          '- `special-operation-certificate` {issuedOn, lastReviewedOn?, exempted?} → {expiresOn, nextReviewOn, reviewWindowStart}',
          '- `accident-reporting` {occurredAt, headInformedAt?, deaths, seriousInjuries, directLossYuan, accidentType: other | road_traffic | fire} → {level, label, chain: [{authority, by}], supplementsUntil}',
          'Bad input → 422 naming the field (`body.input.<field>`).',
        ].join('\n'),
        body: EvaluateBody,
        response: { 200: EvaluationAnswer },
      },
    },
    async (request) => service.evaluate(actorOf(request), request.body),
  );

  api.get(
    '/standards/mappings',
    {
      schema: {
        tags,
        summary: 'Department intake mappings, each with whether it fits the current standards',
        querystring: z.strictObject({ departmentId: z.uuid().optional() }),
      },
    },
    async (request) => service.mappings(actorOf(request), request.query.departmentId),
  );

  api.post(
    '/standards/mappings',
    {
      schema: {
        tags,
        summary: "Declare a department's intake form and how it maps onto the unified hazard fields (refused with 422 if it cannot map)",
        body: CreateMappingBody,
      },
    },
    async (request, reply) => {
      const body = await service.createMapping(actorOf(request), request.body);
      reply.status(201);
      return body;
    },
  );

  api.get('/standards/mappings/:id', { schema: { tags, summary: 'One department mapping', params: IdParams } }, async (request) =>
    service.mapping(actorOf(request), request.params.id),
  );

  api.patch(
    '/standards/mappings/:id',
    { schema: { tags, summary: 'Change a department mapping (send the version you read)', params: IdParams, body: EditMappingBody } },
    async (request) => service.editMapping(actorOf(request), request.params.id, request.body),
  );

  api.post(
    '/standards/mappings/:id/preview',
    {
      schema: {
        tags,
        summary: 'What a filled-in department form becomes in unified fields under the current standards (nothing is stored)',
        params: IdParams,
        body: PreviewBody,
      },
    },
    async (request) => service.preview(actorOf(request), request.params.id, request.body.values),
  );

  api.get(
    '/standards/compatibility',
    { schema: { tags, summary: 'Compatibility scan: every enabled mapping checked against the current standards version' } },
    async (request) => service.compatibility(actorOf(request)),
  );
}
