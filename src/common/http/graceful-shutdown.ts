import type { FastifyInstance } from 'fastify';
import { Messages, ServiceUnavailableException } from '../errors/api.exception.js';
import { render } from '../filters/api-exception.filter.js';
import { surfaceOf } from './surface.js';

const closing = new WeakSet<FastifyInstance>();

/** From now on every answer closes its connection, and new requests get 503. */
export function markClosing(fastify: FastifyInstance): void {
  closing.add(fastify);
}

/**
 * Shutdown as clients see it: once closing (a signal, or `fastify.close()`), a request that
 * still arrives on an open connection gets 503 in its surface's shape (with `X-Request-Id`,
 * `Retry-After` and `Connection: close`) instead of Fastify's own body, and every answer
 * still being written for a request in flight says `Connection: close`, so no keep-alive
 * socket outlives the server. Idle keep-alive sockets are closed by the server at once
 * (`forceCloseConnections: 'idle'`). Register after the hook that sets `X-Request-Id`.
 */
export function registerGracefulShutdown(fastify: FastifyInstance): void {
  fastify.addHook('preClose', (done) => {
    closing.add(fastify);
    done();
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!closing.has(fastify)) return done();
    const error = new ServiceUnavailableException(Messages.shuttingDown, 1);
    reply
      .code(error.status)
      .header('Retry-After', String(error.retryAfter))
      .header('Content-Type', 'application/json; charset=utf-8')
      .send(render(surfaceOf(request.url), error));
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing.has(fastify)) reply.header('Connection', 'close');
    done(null, payload);
  });
}
