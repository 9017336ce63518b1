/** The SQLSTATE of a PostgreSQL error from either driver (Drizzle may wrap it in `cause`). */
function sqlState(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 3; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export const isUniqueViolation = (error: unknown): boolean => sqlState(error) === '23505';
export const isForeignKeyViolation = (error: unknown): boolean => sqlState(error) === '23503';

/** Node socket errors that mean the database server cannot be reached right now. */
const UNREACHABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs of an unavailable database (not of a bad query): connection exceptions (class 08),
 * too many connections, the server shutting down or not yet accepting, a statement cancelled
 * by `statement_timeout`, and a database that no longer exists.
 */
const UNAVAILABLE_SQLSTATES = /^(08...|53300|57P0[1-4]|57014|3D000)$/;

/** Messages the drivers give without a code (pg's timeouts and closed clients, a closed PGlite). */
const UNAVAILABLE_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Client was closed|Cannot use a pool after calling end|PGlite is closed|the database (call|is) )/;

/**
 * True when `error` (possibly wrapped by Drizzle in `cause`) says the database is unreachable
 * or too slow, as opposed to a bug or a constraint. The exception filter turns these into 503.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
    if (current instanceof DatabaseUnavailableError) return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (UNREACHABLE_ERRNOS.has(code) || UNAVAILABLE_SQLSTATES.test(code))) return true;
    const message = (current as { message?: unknown }).message;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Raised by this service itself when it gives up waiting for the database. */
export class DatabaseUnavailableError extends Error {
  constructor(message = 'the database is unavailable') {
    super(message);
    this.name = 'DatabaseUnavailableError';
  }
}
