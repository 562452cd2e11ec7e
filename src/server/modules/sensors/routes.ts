import { z } from 'zod';
import type { Api } from '../../platform/module.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import type { SensorService } from './service.js';

const uuid = z.uuid();
const IdParams = z.object({ id: uuid });
const COLORS = ['blue', 'yellow', 'orange', 'red'] as const;

const Threshold = z.strictObject({
  id: uuid.optional(),
  direction: z.enum(['above', 'below']),
  limit: z.number(),
  clearAt: z.number().describe('hysteresis: a breach clears once the value is back past this line'),
  holdSeconds: z.number().int().min(0).max(86_400).describe('the value must stay beyond the limit this long before it counts'),
  color: z.enum(COLORS),
  enabled: z.boolean().optional(),
});

const SensorFields = {
  name: z.string().trim().min(1).max(100),
  equipmentId: uuid.nullable().optional(),
  areaId: uuid.nullable().optional(),
  parameter: z.string().trim().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _'),
  unit: z.string().trim().max(20).optional(),
  enabled: z.boolean().optional(),
};

export function sensorRoutes(api: Api, service: SensorService): void {
  api.get(
    '/sensors',
    { schema: { tags: ['sensors'], summary: 'Equipment sensors with their latest value, state (normal/pending/breached) and thresholds' } },
    async (request) => service.list(actorOf(request)),
  );

  api.get(
    '/sensors/:id',
    { schema: { tags: ['sensors'], summary: 'One sensor with its thresholds and their states', params: IdParams } },
    async (request) => service.get(actorOf(request), request.params.id),
  );

  api.get(
    '/sensors/:id/readings',
    {
      schema: {
        tags: ['sensors'],
        summary: 'Readings for a trend chart, downsampled on the server: min/avg/max per equal time bucket (default: the last 24 h, 288 buckets)',
        params: IdParams,
        querystring: z.strictObject({
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
          buckets: z.coerce.number().int().min(1).max(2000).default(288),
        }),
      },
    },
    async (request) => service.readings(actorOf(request), request.params.id, request.query),
  );

  api.post(
    '/sensors/readings',
    {
      config: { token: ['sensors.ingest'] },
      bodyLimit: 1024 * 1024,
      schema: {
        tags: ['sensors'],
        summary: 'Readings from a gateway (an API token with sensors.ingest): up to 5,000 per request; 202 once stored and checked against the thresholds',
        body: z.strictObject({
          readings: z
            .array(
              z.strictObject({
                sensor: z.string().min(1).max(64).describe('the sensor code'),
                value: z.number(),
                at: z.iso.datetime({ offset: true }).optional().describe('when measured; default: on arrival'),
              }),
            )
            .min(1)
            .max(5000),
        }),
      },
    },
    async (request, reply) => {
      const r = await service.ingest(actorOf(request), request.body.readings);
      return reply.status(202).send(r);
    },
  );

  api.post(
    '/sensors',
    {
      schema: {
        tags: ['sensors'],
        summary: 'Add a sensor (sensors.manage); the area defaults to its equipment’s',
        body: z.strictObject({
          code: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, _ . - (it is an MQTT topic level)'),
          ...SensorFields,
          thresholds: z.array(Threshold).max(10).optional(),
        }),
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(actorOf(request), request.body)),
  );

  api.patch(
    '/sensors/:id',
    {
      schema: {
        tags: ['sensors'],
        summary: 'Change a sensor (sensors.manage; send the version you read, 409 if it moved on)',
        params: IdParams,
        body: z.strictObject({ version: z.number().int().min(1), ...SensorFields, name: SensorFields.name.optional(), parameter: SensorFields.parameter.optional() }),
      },
    },
    async (request) => service.update(actorOf(request), request.params.id, request.body),
  );

  api.put(
    '/sensors/:id/thresholds',
    {
      schema: {
        tags: ['sensors'],
        summary: 'Replace the thresholds of a sensor (sensors.manage; kept ids keep their state; version of the sensor, 409 if it moved on)',
        params: IdParams,
        body: z.strictObject({ version: z.number().int().min(1), thresholds: z.array(Threshold).max(10) }),
      },
    },
    async (request) => service.setThresholds(actorOf(request), request.params.id, request.body),
  );
}
