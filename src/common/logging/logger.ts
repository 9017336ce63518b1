import type { LoggerService, LogLevel } from '@nestjs/common';
import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';

/**
 * Anything that might hold a secret, where our log objects can carry it: at the top level,
 * in an error (and its cause) and in request headers. We never log request bodies or headers.
 * Exact paths, not wildcards: pino runs the redaction over every per-request child logger's
 * bindings, and a leading `*` makes that a walk over every key on every request.
 */
const REDACT_PATHS = [
  'authorization',
  'password',
  'token',
  'apiKey',
  'accessToken',
  'refreshToken',
  'sessionToken',
  'idToken',
  'secret',
  'secretKey',
  'credentials',
].flatMap((key) => [key, `err.${key}`, `err.cause.${key}`, `headers.${key}`, `req.headers.${key}`]);

export function createRootLogger(level: string, destination?: DestinationStream): PinoLogger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/** Nest's logger interface on top of pino, so framework and application lines share one format. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: PinoLogger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }
  setLogLevels(_levels: LogLevel[]): void {
    // The level comes from LOG_LEVEL.
  }

  /**
   * Nest calls `logger.x(message, context)` or `logger.x(message, stack, context)`; our own
   * code calls `logger.x({ err, ... }, message)` through Nest's Logger, which appends the context.
   */
  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, rest: unknown[]): void {
    const context = typeof rest.at(-1) === 'string' ? (rest.pop() as string) : undefined;
    if (message !== null && typeof message === 'object' && !(message instanceof Error)) {
      const text = typeof rest[0] === 'string' ? rest[0] : undefined;
      this.pino[level]({ context, ...(message as object) }, text);
      return;
    }
    if (message instanceof Error) {
      this.pino[level]({ context, err: message }, message.message);
      return;
    }
    const stack = typeof rest[0] === 'string' ? rest[0] : undefined;
    this.pino[level]({ context, ...(stack ? { stack } : {}) }, String(message));
  }
}
