import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, RateLimitedError, STATUS_BY_CODE, type ErrorDetail } from '../errors.js';
import { isDatabaseUnavailable } from '../db/connection-errors.js';

export interface ErrorBody {
  error: { code: string; message: string; details: ErrorDetail[] };
}

export function errorBody(code: string, message: string, details: ErrorDetail[] = []): ErrorBody {
  return { error: { code, message, details } };
}

/** Fastify's own errors (parsing, limits) by their codes → our stable codes. */
const FASTIFY_CODES: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE', 'unsupported Content-Type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'MALFORMED_REQUEST', 'Content-Length does not match the body'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'PAYLOAD_TOO_LARGE', 'the request body is too large'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'MALFORMED_REQUEST', 'the JSON body is empty'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'MALFORMED_REQUEST', 'the body is not valid JSON'],
  FST_REQ_FILE_TOO_LARGE: [413, 'PAYLOAD_TOO_LARGE', 'the file is too large'],
  FST_FILES_LIMIT: [413, 'PAYLOAD_TOO_LARGE', 'too many files'],
  FST_PARTS_LIMIT: [413, 'PAYLOAD_TOO_LARGE', 'too many parts'],
  FST_FIELDS_LIMIT: [413, 'PAYLOAD_TOO_LARGE', 'too many fields'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE', 'expected multipart/form-data'],
  FST_ERR_CTP_INVALID_TYPE: [400, 'MALFORMED_REQUEST', 'invalid Content-Type'],
};

function fieldPath(context: string | undefined, instancePath: string, params: Record<string, unknown>): string {
  const parts = [context ?? 'body', ...instancePath.split('/').filter(Boolean)];
  // zod reports an unknown key at the object, naming the key in params
  const keys = params?.keys as string[] | undefined;
  if (keys?.length === 1) parts.push(keys[0]);
  return parts.join('.');
}

/** The one place errors become HTTP responses: `{ error: { code, message, details[] } }`. */
export function installErrorHandling(app: FastifyInstance, onDenied?: (request: FastifyRequest, err: AppError) => Promise<void>): void {
  app.setErrorHandler(async (err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        path: fieldPath(err.validationContext, v.instancePath, v.params as Record<string, unknown>),
        message: v.message ?? 'invalid',
        code: String((v.params as { issue?: { code?: string } })?.issue?.code ?? v.keyword),
      }));
      return reply.status(422).send(errorBody('VALIDATION_FAILED', 'the request is not valid', details));
    }
    if (err instanceof AppError) {
      const status = STATUS_BY_CODE[err.code] ?? 400;
      if (status === 403 && onDenied) await onDenied(request, err).catch((e) => request.log.error({ err: e }, 'could not audit a denial'));
      if (err instanceof RateLimitedError) reply.header('retry-after', String(err.retryAfterSeconds));
      return reply.status(status).send(errorBody(err.code, err.message, err.details));
    }
    const code = (err as FastifyError).code;
    const mapped = code ? FASTIFY_CODES[code] : undefined;
    if (mapped) return reply.status(mapped[0]).send(errorBody(mapped[1], mapped[2]));
    if (err instanceof SyntaxError) return reply.status(400).send(errorBody('MALFORMED_REQUEST', 'the body is not valid JSON'));
    if (isDatabaseUnavailable(err)) {
      // The database is restarting or unreachable: the client may retry; the pool reconnects by itself.
      request.log.warn({ reqId: request.id, url: request.url, err: (err as Error).message }, 'database unavailable');
      return reply
        .status(503)
        .header('retry-after', '5')
        .send(errorBody('DATABASE_UNAVAILABLE', 'the database is not reachable at the moment; please try again in a few seconds'));
    }
    const status = (err as FastifyError).statusCode;
    if (status && status >= 400 && status < 500 && !isResponseSerializationError(err)) {
      return reply.status(status).send(errorBody('BAD_REQUEST', err.message));
    }
    request.log.error({ err, reqId: request.id, url: request.url, method: request.method }, 'unhandled error');
    // Never internals in a 5xx: the id lets an operator find the log line.
    return reply.status(500).send(errorBody('INTERNAL', `internal error (request ${request.id})`));
  });

}
