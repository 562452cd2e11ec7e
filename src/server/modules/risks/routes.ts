import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { Api } from '../../platform/module.js';
import type { Platform } from '../../platform/platform.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import type { RiskService } from './service.js';
import { CreateRiskPointBody, EditRiskPointBody, ListQuery, PolygonBody, SitePlanBody } from './schemas.js';

const IdParams = z.object({ id: z.uuid() });
const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
const tags = ['risks'];

export function riskRoutes(api: Api, service: RiskService, p: Platform): void {
  api.get(
    '/risk-points',
    {
      schema: {
        tags,
        summary: 'Risk points (风险点), filtered by area, colour (red,orange,…), department, kind, management level or text; highest risk first (colour, then score)',
        querystring: ListQuery,
      },
    },
    async (request) => service.list(actorOf(request), request.query),
  );

  api.post(
    '/risk-points',
    {
      schema: {
        tags,
        summary:
          'Identify a risk point and assess it with the tenant standards: assessment {method: "lec", l, e, c} | {method: "ls", l, s}; ' +
          'managementLevel defaults from the colour (red 公司级, orange 部门级, yellow 班组级, blue 岗位级)',
        body: CreateRiskPointBody,
        headers: IdempotencyHeaders,
      },
    },
    async (request, reply) => {
      const { body, replayed } = await service.create(actorOf(request), request.body, request.headers['idempotency-key']);
      if (replayed) reply.header('idempotent-replayed', 'true');
      reply.status(201);
      return body;
    },
  );

  api.get('/risk-points/:id', { schema: { tags, summary: 'One risk point with its assessment and controls', params: IdParams } }, async (request) =>
    service.get(actorOf(request), request.params.id),
  );

  api.patch(
    '/risk-points/:id',
    {
      schema: {
        tags,
        summary: 'Change a risk point (send the version you read; stale → 409 VERSION_CONFLICT). A new assessment is evaluated with the current standards',
        params: IdParams,
        body: EditRiskPointBody,
      },
    },
    async (request) => service.edit(actorOf(request), request.params.id, request.body),
  );

  api.get(
    '/risk-points/:id/history',
    { schema: { tags, summary: 'Audit trail of one risk point: who changed what, when, on which assessment', params: IdParams } },
    async (request) => service.history(actorOf(request), request.params.id),
  );

  api.get(
    '/risk-points/:id/qr.svg',
    { schema: { tags, summary: 'QR code (SVG) of the risk notice card (风险告知卡) page of this risk point', params: IdParams, produces: ['image/svg+xml'] } },
    async (request, reply) => {
      const id = request.params.id;
      await service.codeOf(actorOf(request), id);
      const target = `${publicOrigin(p, request)}/risk-points/${id}/card`;
      const { default: QRCode } = await import('qrcode');
      const svg = await QRCode.toString(target, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
      return reply
        .header('content-type', 'image/svg+xml; charset=utf-8')
        .header('cache-control', 'private, max-age=3600')
        .header('x-qr-target', target)
        .send(svg);
    },
  );

  api.get('/site-plan', { schema: { tags, summary: "The tenant's site plan (厂区平面图): image file and its size in pixels, or null" } }, async (request) =>
    service.sitePlan(actorOf(request)),
  );

  api.put(
    '/site-plan',
    {
      schema: {
        tags,
        summary: 'Use an uploaded image (POST /files) as the site plan; outlines drawn on a plan of another size are scaled to it',
        body: SitePlanBody,
      },
    },
    async (request) => service.setSitePlan(actorOf(request), request.body.fileId),
  );

  api.put(
    '/areas/:id/polygon',
    {
      schema: {
        tags,
        summary: "Draw an area's outline on the site plan: points [[x, y], …] in image pixels (x right, y down); null removes it",
        params: IdParams,
        body: PolygonBody,
      },
    },
    async (request) => service.setPolygon(actorOf(request), request.params.id, request.body.points),
  );

  api.get(
    '/risk-map',
    {
      schema: {
        tags,
        summary:
          'Four-colour risk map (四色风险分布图): the site plan, each area with its outline, highest risk colour (null = none assessed), ' +
          'number of risk points and the open hazards the caller may see, each with a marker position in image pixels',
      },
    },
    async (request) => service.riskMap(actorOf(request)),
  );
}

/** The address printed codes point to: PUBLIC_ORIGIN when set (behind a proxy), else this request's origin. */
function publicOrigin(p: Platform, request: FastifyRequest): string {
  return p.config.publicOrigins[0] ?? `${request.protocol}://${request.host}`;
}
