import { z } from 'zod';
import type { Api } from '../module.js';
import type { Platform } from '../platform.js';
import { actorOf } from '../http/auth-hook.js';
import { AppError, NotFoundError, ValidationError } from '../errors.js';
import type { FastifyRequest } from 'fastify';

export const FileSchema = z.object({
  id: z.string(),
  mime: z.string(),
  size: z.number(),
  name: z.string(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  url: z.string(),
  thumbUrl: z.string().nullable(),
});

/** The one uploaded file; a broken multipart body is the client's error (400), not ours. */
async function readUpload(request: FastifyRequest, maxBytes: number) {
  try {
    const part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
    if (!part) throw new ValidationError('no file in the request', [{ path: 'file', message: 'required' }]);
    return { part, data: await part.toBuffer() };
  } catch (err) {
    if (err instanceof AppError || (err as { statusCode?: number }).statusCode) throw err;
    throw new AppError('MALFORMED_REQUEST', 'the multipart body cannot be read', [{ path: 'file', message: String((err as Error).message).slice(0, 120) }]);
  }
}

export function fileUrls(id: string, hasThumb: boolean) {
  return { url: `/api/v1/files/${id}`, thumbUrl: hasThumb ? `/api/v1/files/${id}/thumb` : null };
}

/** Upload (multipart field `file`) and download. Tenancy by RLS; stored names are content hashes. */
export function fileRoutes(api: Api, p: Platform): void {
  api.post(
    '/files',
    { schema: { tags: ['files'], summary: 'Upload a photo or PDF (multipart/form-data, field "file")', consumes: ['multipart/form-data'], response: { 201: FileSchema } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { part, data } = await readUpload(request, p.config.maxUploadBytes);
      const blob = await p.files.put(data);
      // Keep only a harmless display name: no directories, no control characters.
      const name = (part.filename ?? 'file').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f<>"]/g, '').slice(0, 120) || 'file';
      const row = await p.run(actor, async (w) => {
        const created = await w.tx
          .insertInto('files')
          .values({
            tenant_id: actor.tenantId,
            sha256: blob.sha256,
            mime: blob.mime,
            size: blob.size,
            original_name: name,
            width: blob.width,
            height: blob.height,
            thumb_sha256: blob.thumbSha256,
            created_by: actor.userId,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        w.audit({ action: 'file.upload', entityType: 'file', entityId: created.id, after: { name, mime: blob.mime, size: blob.size, sha256: blob.sha256 } });
        return created;
      });
      reply.status(201);
      return {
        id: row.id,
        mime: row.mime,
        size: row.size,
        name: row.original_name,
        width: row.width,
        height: row.height,
        ...fileUrls(row.id, !!row.thumb_sha256),
      };
    },
  );

  const params = z.object({ id: z.uuid() });
  const serve = (thumb: boolean) => async (request: { params: { id: string } } & Parameters<typeof actorOf>[0], reply: any) => {
    const actor = actorOf(request);
    const row = await p.read(actor, async (w) => {
      const file = await w.tx.selectFrom('files').selectAll().where('id', '=', request.params.id).executeTakeFirst();
      // readable by those who may read a record it is attached to (or its uploader until then); others cannot tell it exists
      return file && (await p.fileAccess.mayRead(w, actor, file)) ? file : undefined;
    });
    if (!row) throw new NotFoundError('file', request.params.id);
    const sha = thumb ? row.thumb_sha256 : row.sha256;
    if (!sha) throw new NotFoundError('thumbnail', request.params.id);
    const data = await p.files.get(sha);
    reply
      .header('content-type', thumb ? 'image/webp' : row.mime)
      .header('cache-control', 'private, max-age=86400, immutable')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('content-disposition', `${row.mime.startsWith('image/') ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(row.original_name)}`);
    return reply.send(data);
  };
  api.get('/files/:id', { schema: { tags: ['files'], summary: 'Download a file', params } }, serve(false));
  api.get('/files/:id/thumb', { schema: { tags: ['files'], summary: 'Thumbnail of an image (WebP, ≤ 320 px)', params } }, serve(true));
}
