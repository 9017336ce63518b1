import type { FastifyInstance } from 'fastify';
import { Messages, ServiceUnavailableException } from '../errors/api.exception.js';
import { render } from '../filters/api-exception.filter.js';
import { surfaceOf } from './surface.js';

export interface RequestDeadlineOptions {
  /** REQUEST_TIMEOUT_MS */
  requestTimeoutMs: number;
  /** PLATFORM_TIMEOUT_MS: a tool execution may wait on a platform three times (call, refresh, retry). */
  platformTimeoutMs: number;
}

/** REST tool executions, and MCP requests (a `tools/call` runs the same execution). */
const TOOL_EXECUTION = /^\/v1\/(tools\/[^/?]+\/[^/?]+|mcp)(\?|$)/;
const PLATFORM_WAITS_PER_TOOL = 3;

/** The deadline of one request: a tool execution lets its platform calls answer 504 first. */
export function deadlineOf(method: string, url: string, options: RequestDeadlineOptions): number {
  const tool = method === 'POST' && TOOL_EXECUTION.test(url);
  return options.requestTimeoutMs + (tool ? PLATFORM_WAITS_PER_TOOL * options.platformTimeoutMs : 0);
}

/**
 * A request still unanswered at its deadline gets 503 in its surface's shape (with
 * `Retry-After`), whatever it was waiting on; the work behind it is left to its own timeouts
 * (the database's statement timeout), and its late answer is dropped.
 */
export function registerRequestDeadline(fastify: FastifyInstance, options: RequestDeadlineOptions): void {
  const timers = new WeakMap<object, NodeJS.Timeout>();
  fastify.addHook('onRequest', (request, reply, done) => {
    const ms = deadlineOf(request.method, request.url, options);
    const timer = setTimeout(() => {
      if (reply.sent || reply.raw.headersSent || reply.raw.destroyed) return;
      request.log.warn({ deadlineMs: ms }, 'request deadline passed');
      const error = new ServiceUnavailableException(Messages.deadline);
      reply
        .code(error.status)
        .header('Retry-After', String(error.retryAfter))
        .header('Content-Type', 'application/json; charset=utf-8')
        .send(render(surfaceOf(request.url), error));
    }, ms);
    timer.unref();
    timers.set(request, timer);
    done();
  });
  fastify.addHook('onResponse', (request, _reply, done) => {
    clearTimeout(timers.get(request));
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    clearTimeout(timers.get(request));
    done();
  });
}
