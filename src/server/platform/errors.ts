/**
 * The few error types services may throw. Each has a stable code; http/errors.ts maps them to
 * HTTP statuses in one place. Services never build HTTP responses themselves.
 */
export interface ErrorDetail {
  /** Field path, e.g. "photos.0" or "body.title". Empty for errors about the whole request. */
  path: string;
  message: string;
  code?: string;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

/** 422: the input is well-formed but not acceptable. */
export class ValidationError extends AppError {
  constructor(message: string, details: ErrorDetail[] = [], code = 'VALIDATION_FAILED') {
    super(code, message, details);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id?: string) {
    super('NOT_FOUND', `${what} not found`, id ? [{ path: 'id', message: `no ${what} with id ${id}` }] : []);
  }
}

/** 401: not logged in, or the session ended. */
export class UnauthenticatedError extends AppError {
  constructor(message = 'login required') {
    super('UNAUTHENTICATED', message);
  }
}

/** 403: logged in, not allowed. */
export class ForbiddenError extends AppError {
  constructor(message = 'not allowed', code = 'FORBIDDEN') {
    super(code, message);
  }
}

/** 409: someone else changed the record first, or the state does not allow the action. */
export class ConflictError extends AppError {
  constructor(message: string, code = 'CONFLICT', details: ErrorDetail[] = []) {
    super(code, message, details);
  }
}

/** 429 */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('RATE_LIMITED', message);
  }
}

export const STATUS_BY_CODE: Record<string, number> = {
  VALIDATION_FAILED: 422,
  INVALID_IMAGE: 422,
  IMPORT_REJECTED: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  CAP_INVALID: 422,
  CAP_SENDER_NOT_ALLOWED: 422,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  ORIGIN_REJECTED: 403,
  SEPARATION_OF_DUTIES: 403,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  INVALID_STATE: 409,
  // video meetings (comms): not invited, not (yet) in it, full, over, the peer left
  NOT_INVITED: 403,
  NOT_IN_MEETING: 403,
  MEETING_FULL: 409,
  MEETING_ENDED: 409,
  PEER_GONE: 409,
  RATE_LIMITED: 429,
  DEMO_MODE_OFF: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  WEAK_PASSWORD: 422,
  LINK_INVALID: 410,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  MALFORMED_REQUEST: 400,
  DATABASE_UNAVAILABLE: 503,
};
