/**
 * Errors that mean "the database is away" (stopped, restarting, network cut) rather than "this
 * request is wrong": they become 503 with the error model, and background workers wait and retry.
 */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** SQLSTATE class 08 (connection exception) and 57P01–57P03 (shutdown, crash shutdown, cannot connect now). */
const SQLSTATES = /^(08|57P0[1-3])/;
const MESSAGES = /Connection terminated|connection (?:is )?closed|Client has encountered a connection error|Client was closed|timeout exceeded when trying to connect|the database system is (?:starting up|shutting down|in recovery mode)/i;

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (SOCKET_CODES.has(code) || SQLSTATES.test(code)) return true;
    if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
  }
  return false;
}

/** Delay before the n-th reconnection attempt (from 1): 250 ms doubling to 2 s, so a returned database is found within seconds. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(250 * 2 ** Math.max(0, attempt - 1), 2000);
}
