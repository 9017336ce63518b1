import { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from 'fastify';

/** Our request loggers (pino, or `lazyRequestLogger`) say whether a level is on; others are asked to write. */
const infoEnabled = (log: FastifyBaseLogger & { isLevelEnabled?: (level: string) => boolean }) => log.isLevelEnabled?.('info') ?? true;

/**
 * Fastify's request logging, reduced to one line per request: method, the path without its
 * query string (a token pasted into a URL never reaches the log), status and duration. No
 * headers, no bodies.
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    // `reply.log` is the request's child logger: it carries `reqId` already.
    if (!error && !infoEnabled(reply.log)) return;
    const line = {
      method: request.method,
      path: request.url.split('?', 1)[0],
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}
