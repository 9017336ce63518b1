import Fastify from 'fastify';
import { deadlineOf, markClosing, registerRequestLifecycle, sweepIntervalOf } from './request-lifecycle.js';

describe('deadlineOf', () => {
  const options = { requestTimeoutMs: 20_000, platformTimeoutMs: 15_000 };

  it('gives a tool execution room for three platform timeouts, so the platform answers 504 first', () => {
    expect(deadlineOf('POST', '/v1/tools/tape/listApps', options)).toBe(65_000);
    expect(deadlineOf('POST', '/v1/tools/tape/listApps?format=json', options)).toBe(65_000);
    // MCP: a tools/call takes the same path.
    expect(deadlineOf('POST', '/v1/mcp', options)).toBe(65_000);
  });

  it('gives every other request the request timeout', () => {
    expect(deadlineOf('GET', '/v1/tools', options)).toBe(20_000);
    expect(deadlineOf('GET', '/v1/tools/tape/listApps', options)).toBe(20_000);
    expect(deadlineOf('POST', '/v1/auth/login', options)).toBe(20_000);
    expect(deadlineOf('GET', '/v1/mcp', options)).toBe(20_000);
    expect(deadlineOf('POST', '/v1/mcpx', options)).toBe(20_000);
    expect(deadlineOf('GET', '/api/v1/products', options)).toBe(20_000);
  });
});

describe('sweepIntervalOf', () => {
  it('checks deadlines ten times per shortest deadline, between 10 and 250 ms', () => {
    expect(sweepIntervalOf(20_000)).toBe(250);
    expect(sweepIntervalOf(1_500)).toBe(150);
    expect(sweepIntervalOf(100)).toBe(10);
  });
});

describe('closing', () => {
  // The longest deadline, the most closing waits for a handler: 40 + 3 × 20 ms.
  const options = { requestTimeoutMs: 40, platformTimeoutMs: 20 };
  const warnings: unknown[] = [];

  async function serverWith(handler: () => Promise<unknown>) {
    const fastify = Fastify();
    registerRequestLifecycle(fastify, options);
    fastify.get('/work', handler);
    await fastify.listen({ port: 0, host: '127.0.0.1' });
    fastify.log.warn = ((...args: unknown[]) => void warnings.push(args)) as typeof fastify.log.warn;
    const { port } = fastify.server.address() as import('node:net').AddressInfo;
    // The client hangs up at once: the server has no connection to wait for.
    const controller = new AbortController();
    void fetch(`http://127.0.0.1:${port}/work`, { signal: controller.signal }).catch(() => undefined);
    return { fastify, hangUp: () => controller.abort() };
  }

  beforeEach(() => (warnings.length = 0));

  it('waits for a handler whose client hung up before it closes', async () => {
    const finished: string[] = [];
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const { fastify, hangUp } = await serverWith(async () => {
      started();
      await new Promise((resolve) => setTimeout(resolve, 60));
      finished.push('handler');
      return { ok: true };
    });
    await running;
    hangUp();
    await fastify.close();
    finished.push('closed');
    expect({ finished, warnings }).toEqual({ finished: ['handler', 'closed'], warnings: [] });
  });

  it('stops waiting after the longest deadline, and says how many handlers were still running', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const { fastify, hangUp } = await serverWith(() => {
      started();
      return new Promise(() => undefined); // never answers
    });
    await running;
    hangUp();
    const closing = performance.now();
    await fastify.close();
    const waited = performance.now() - closing;
    expect(waited).toBeGreaterThanOrEqual(95);
    expect(warnings).toEqual([[{ handlers: 1, waitedMs: 100 }, 'closing with route handlers still running']]);
  });
});

describe('the requests in flight', () => {
  // Deadline 60 ms for every request here (GET), swept every 10 ms.
  const options = { requestTimeoutMs: 60, platformTimeoutMs: 1_000 };

  /** A server whose `/v1/held/:n` answers when the test releases `n`; `arrival(n)` settles once that request reaches its handler. */
  async function heldServer() {
    const fastify = Fastify();
    registerRequestLifecycle(fastify, options);
    const held = new Map<string, { arrived: Promise<void>; reached: () => void; release: () => void }>();
    const slot = (n: string) => {
      let entry = held.get(n);
      if (entry === undefined) {
        let reached!: () => void;
        const arrived = new Promise<void>((resolve) => (reached = resolve));
        entry = { arrived, reached, release: () => undefined };
        held.set(n, entry);
      }
      return entry;
    };
    fastify.get<{ Params: { n: string } }>('/v1/held/:n', async (request) => {
      const { n } = request.params;
      const entry = slot(n);
      await new Promise<void>((resolve) => {
        entry.release = resolve;
        entry.reached();
      });
      return { n };
    });
    fastify.log.warn = (() => undefined) as typeof fastify.log.warn;
    await fastify.listen({ port: 0, host: '127.0.0.1' });
    const { port } = fastify.server.address() as import('node:net').AddressInfo;
    const get = async (n: string) => {
      const response = await fetch(`http://127.0.0.1:${port}/v1/held/${n}`);
      return { status: response.status, connection: response.headers.get('connection'), body: await response.json() };
    };
    return { fastify, get, arrival: (n: string) => slot(n).arrived, release: (n: string) => slot(n).release() };
  }

  it('keeps every request answered out of order in the list until its own answer', async () => {
    const { fastify, get, arrival, release } = await heldServer();
    const answers = ['1', '2', '3', '4'].map((n) => get(n));
    await Promise.all(['1', '2', '3', '4'].map(arrival));
    // The middle one first: the three others are still in flight, and closing marks them all.
    release('2');
    expect(await answers[1]).toEqual({ status: 200, connection: 'keep-alive', body: { n: '2' } });
    expect(markClosing(fastify)).toBe(3);
    // Then the last and the first arrived: every place in the list is left once.
    release('4');
    release('1');
    expect(await answers[3]).toEqual({ status: 200, connection: 'close', body: { n: '4' } });
    expect(await answers[0]).toEqual({ status: 200, connection: 'close', body: { n: '1' } });
    expect(markClosing(fastify)).toBe(1);
    release('3');
    expect(await answers[2]).toEqual({ status: 200, connection: 'close', body: { n: '3' } });
    expect(markClosing(fastify)).toBe(0);
    await fastify.close();
  });

  it('answers 503 at the deadline, in the surface shape, and only the request past it', async () => {
    const { fastify, get, arrival, release } = await heldServer();
    const late = get('late');
    const early = get('early');
    await Promise.all([arrival('late'), arrival('early')]);
    release('early');
    expect(await early).toEqual({ status: 200, connection: 'keep-alive', body: { n: 'early' } });
    expect(await late).toEqual({
      status: 503,
      connection: 'keep-alive',
      body: { success: false, error: { code: 'SERVICE_UNAVAILABLE', message: 'Service unavailable: the request did not complete in time' } },
    });
    release('late'); // its late answer is dropped
    await fastify.close();
  });
});
