import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { defineModule } from '../../platform/module.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { NotFoundError } from '../../platform/errors.js';
import type { Platform } from '../../platform/platform.js';

/**
 * QR codes for field reporting (C20): each area and piece of equipment carries a printed code that
 * opens the report form pre-filled (/hazards/new?areaId=… or ?equipmentId=…). The SVG is made on
 * request; the printable sheet is the web page /qr-codes.
 */
export const qrcodesModule = defineModule({
  name: 'qrcodes',
  register(p, api) {
    const params = z.object({ id: z.uuid() });
    const svg = (kind: 'area' | 'equipment') => async (request: FastifyRequest<{ Params: { id: string } }>, reply: any) => {
      const id = request.params.id;
      const exists = await p.run(actorOf(request), async (w) =>
        kind === 'area'
          ? w.tx.selectFrom('areas').select('id').where('id', '=', id).executeTakeFirst()
          : w.tx.selectFrom('equipment').select('id').where('id', '=', id).executeTakeFirst(),
      );
      if (!exists) throw new NotFoundError(kind, id);
      const target = `${publicOrigin(p, request)}/hazards/new?${kind === 'area' ? 'areaId' : 'equipmentId'}=${id}`;
      const { default: QRCode } = await import('qrcode');
      const body = await QRCode.toString(target, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
      return reply
        .header('content-type', 'image/svg+xml; charset=utf-8')
        .header('cache-control', 'private, max-age=3600')
        .header('x-qr-target', target)
        .send(body);
    };
    api.get(
      '/areas/:id/qr.svg',
      { schema: { tags: ['org'], summary: 'QR code (SVG) opening the hazard report form for this area', params } },
      svg('area'),
    );
    api.get(
      '/equipment/:id/qr.svg',
      { schema: { tags: ['org'], summary: 'QR code (SVG) opening the hazard report form for this equipment', params } },
      svg('equipment'),
    );
  },
});

/** The address printed codes point to: PUBLIC_ORIGIN when set (behind a proxy), else this request's origin. */
function publicOrigin(p: Platform, request: FastifyRequest): string {
  return p.config.publicOrigins[0] ?? `${request.protocol}://${request.host}`;
}
