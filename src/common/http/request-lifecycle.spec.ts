import Fastify from 'fastify';
import { deadlineOf, registerRequestLifecycle, sweepIntervalOf } from './request-lifecycle.js';

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
