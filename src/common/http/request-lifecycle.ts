import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
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

/** How often the deadlines are checked: a tenth of the shortest one, between 10 and 250 ms. */
export const sweepIntervalOf = (requestTimeoutMs: number): number => Math.min(250, Math.max(10, Math.floor(requestTimeoutMs / 10)));

/** A request in flight: a node of the in-flight list, kept on its reply. */
interface InFlight {
  reply: FastifyReply;
  deadlineAt: number;
  deadlineMs: number;
  prev: InFlight | undefined;
  next: InFlight | undefined;
}

const IN_FLIGHT = Symbol('inFlight');
type TrackedReply = FastifyReply & { [IN_FLIGHT]: InFlight | null };

/** A 503 in the request's surface's shape, with `Retry-After`. */
function answerUnavailable(request: FastifyRequest, reply: FastifyReply, error: ServiceUnavailableException): void {
  reply
    .code(error.status)
    .header('Retry-After', String(error.retryAfter))
    .header('Content-Type', 'application/json; charset=utf-8')
    .send(render(surfaceOf(request.url), error));
}

const unanswered = (reply: FastifyReply) => !reply.sent && !reply.raw.headersSent && !reply.raw.destroyed;

/**
 * The requests between their arrival and their answer. One timer sweeps them for deadlines
 * (instead of a timer per request), and shutdown marks their answers `Connection: close`.
 * They form a doubly linked list whose node sits on the reply (a Fastify reply decorator, so
 * every reply has the same shape): joining and leaving it are a few pointer writes, where a
 * `Map` keyed by the request hashed it, grew and rehashed (`bench/README.md`, seventh round).
 */
class InFlightRequests {
  private head: InFlight | undefined;
  private readonly sweepMs: number;
  private timer: NodeJS.Timeout | undefined;
  closing = false;
  /** Every request that arrived (a counter for the idle heap trim). */
  seen = 0;
  /** Route handlers still running, answered or not (a client that hung up does not stop its handler). */
  private running = 0;
  private drained: (() => void) | undefined;
  private readonly handlerDone = () => {
    if (--this.running === 0) this.drained?.();
  };

  constructor(private readonly options: RequestDeadlineOptions) {
    this.sweepMs = sweepIntervalOf(options.requestTimeoutMs);
  }

  add(request: FastifyRequest, reply: FastifyReply): void {
    const deadlineMs = deadlineOf(request.method, request.url, this.options);
    this.seen++;
    const node: InFlight = { reply, deadlineAt: Date.now() + deadlineMs, deadlineMs, prev: undefined, next: this.head };
    if (this.head !== undefined) this.head.prev = node;
    this.head = node;
    (reply as TrackedReply)[IN_FLIGHT] = node;
    this.timer ??= setInterval(() => this.sweep(), this.sweepMs).unref();
  }

  /** Takes the reply's request out of the list (once: its answer and its deadline both call this). */
  delete(reply: FastifyReply): void {
    const node = (reply as TrackedReply)[IN_FLIGHT];
    if (node === null) return;
    (reply as TrackedReply)[IN_FLIGHT] = null;
    if (node.prev === undefined) this.head = node.next;
    else node.prev.next = node.next;
    if (node.next !== undefined) node.next.prev = node.prev;
  }

  /** From now on, every answer still to be written closes its connection. Returns how many are in flight. */
  close(): number {
    this.closing = true;
    let count = 0;
    for (let node = this.head; node !== undefined; node = node.next) {
      count++;
      if (!node.reply.raw.headersSent) node.reply.header('Connection', 'close');
    }
    return count;
  }

  /** Counts `handler`'s run until the promise it returns settles. */
  track(handler: RouteHandlerMethod): RouteHandlerMethod {
    const lifecycle = this;
    return function tracked(this: FastifyInstance, request, reply) {
      const result: unknown = handler.call(this, request, reply);
      if (result instanceof Promise) {
        lifecycle.running++;
        result.then(lifecycle.handlerDone, lifecycle.handlerDone);
      }
      return result;
    } as RouteHandlerMethod;
  }

  /**
   * Resolves once no route handler is running, or after `limitMs` with how many still are.
   * The server has closed every connection by then, but a handler whose client hung up may
   * still be at work (a tool execution waiting on its platform, then counting its usage): the
   * database must outlive it.
   */
  async drain(limitMs: number): Promise<number> {
    if (this.running > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, limitMs);
        this.drained = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.drained = undefined;
    }
    return this.running;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * A request still unanswered at its deadline gets 503 (with `Retry-After`), whatever it was
   * waiting on; the work behind it is left to its own timeouts (the database's statement
   * timeout), and its late answer is dropped. Requests whose client went away are forgotten.
   */
  private sweep(): void {
    const now = Date.now();
    for (let node = this.head; node !== undefined; ) {
      const { reply, deadlineAt, deadlineMs, next } = node;
      node = next;
      if (!unanswered(reply)) {
        if (reply.raw.destroyed) this.delete(reply);
        continue;
      }
      if (now < deadlineAt) continue;
      this.delete(reply);
      reply.request.log.warn({ deadlineMs }, 'request deadline passed');
      answerUnavailable(reply.request, reply, new ServiceUnavailableException(Messages.deadline));
    }
    if (this.head === undefined) this.stop();
  }
}

const lifecycles = new WeakMap<FastifyInstance, InFlightRequests>();

/** From now on every answer closes its connection, and new requests get 503. Returns how many requests are in flight. */
export function markClosing(fastify: FastifyInstance): number {
  return lifecycles.get(fastify)?.close() ?? 0;
}

/** How many requests the server has taken in so far (0 before `registerRequestLifecycle`). */
export function requestsSeen(fastify: FastifyInstance): number {
  return lifecycles.get(fastify)?.seen ?? 0;
}

/**
 * What every request goes through, in one `onRequest` and one `onResponse` hook for the whole
 * service (each hook runs on every request, so concerns share them rather than add one each):
 * - `X-Request-Id` on every answer (register after Fastify has chosen the id: `genReqId`);
 * - shutdown as clients see it: once closing (a signal, or `fastify.close()`), a request that
 *   still arrives on an open connection gets 503 in its surface's shape (with `X-Request-Id`,
 *   `Retry-After` and `Connection: close`) instead of Fastify's own body, and every answer
 *   still being written for a request in flight says `Connection: close`, so no keep-alive
 *   socket outlives the server (idle ones are closed at once: `forceCloseConnections: 'idle'`);
 * - the per-request deadline (`deadlineOf`), answered 503 in the surface's shape;
 * - closing waits for the route handlers still running, even those whose client has hung up,
 *   at most the longest deadline: what they still write reaches the database, which Nest
 *   closes after the server.
 */
export function registerRequestLifecycle(fastify: FastifyInstance, options: RequestDeadlineOptions): void {
  const inFlight = new InFlightRequests(options);
  lifecycles.set(fastify, inFlight);
  fastify.decorateReply(IN_FLIGHT, null);
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    if (inFlight.closing) {
      reply.header('Connection', 'close');
      answerUnavailable(request, reply, new ServiceUnavailableException(Messages.shuttingDown, 1));
      return;
    }
    inFlight.add(request, reply);
    done();
  });
  fastify.addHook('onResponse', (_request, reply, done) => {
    inFlight.delete(reply);
    done();
  });
  fastify.addHook('preClose', (done) => {
    inFlight.close();
    done();
  });
  // Every route, Nest's included (registered later, at init), runs inside the count.
  fastify.addHook('onRoute', (route) => {
    route.handler = inFlight.track(route.handler);
  });
  // Fastify closes the server, then runs this; Nest closes the database after it.
  const longestDeadlineMs = deadlineOf('POST', '/v1/mcp', options);
  fastify.addHook('onClose', async (instance) => {
    inFlight.stop();
    const left = await inFlight.drain(longestDeadlineMs);
    if (left > 0) instance.log.warn({ handlers: left, waitedMs: longestDeadlineMs }, 'closing with route handlers still running');
  });
}
