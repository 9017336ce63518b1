import type { Socket } from 'node:net';
import { useTestApp } from '../helpers/app.js';
import { syncelloError } from '../helpers/fixtures.js';
import { listen, measureWhile, sendRaw, withinBudget } from '../helpers/raw-http.js';
import { synqError } from '../helpers/synq.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('Protocol-level errors: in the surface shape, with X-Request-Id', () => {
  // Short timeouts so a 408 comes within the test; Node checks them every 250 ms here.
  const t = useTestApp({ HTTP_HEADERS_TIMEOUT_MS: '250', HTTP_REQUEST_TIMEOUT_MS: '750' });
  let port: number;

  beforeAll(async () => {
    port = await listen(t.app);
  });

  describe('431: a 100 KB Authorization header', () => {
    const huge = `Authorization: Bearer ${'a'.repeat(100 * 1024)}`;
    it.each([
      ['/v1/tools', syncelloError('HEADERS_TOO_LARGE', 'Request headers exceed 16 KB')],
      ['/api/v1/products', synqError('Request Header Fields Too Large: Request headers exceed 16 KB')],
      ['/health', synqError('Request Header Fields Too Large: Request headers exceed 16 KB')],
    ])('GET %s', async (path, expected) => {
      const response = await sendRaw(port, `GET ${path} HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: probe-431\r\n${huge}`);
      expect([response.status, response.body]).toEqual([431, expected]);
      expect(response.headers['x-request-id']).toBe('probe-431');
      expect(response.headers.connection).toBe('close');
    });
  });

  it('414: a request line over 8 KB, in the shape of its prefix', async () => {
    const syncello = await sendRaw(port, `GET /v1/${'a'.repeat(20_000)} HTTP/1.1\r\nHost: localhost`);
    expect([syncello.status, syncello.body]).toEqual([414, syncelloError('URI_TOO_LONG', 'Request line exceeds 8 KB')]);
    expect(syncello.headers['x-request-id']).toMatch(UUID);
    const synq = await sendRaw(port, `GET /api/v1/products?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: localhost`);
    expect([synq.status, synq.body]).toEqual([414, synqError('URI Too Long: Request line exceeds 8 KB')]);
  });

  it('400 from the HTTP parser (a header line without a colon)', async () => {
    const syncello = await sendRaw(port, 'GET /v1/tools HTTP/1.1\r\nHost: localhost\r\nNo colon here');
    expect([syncello.status, syncello.body]).toEqual([400, syncelloError('VALIDATION_ERROR', 'Malformed HTTP request')]);
    expect(syncello.headers['x-request-id']).toMatch(UUID);
    const synq = await sendRaw(port, 'POST /api/v1/products HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1\r\nContent-Length: 2');
    expect([synq.status, synq.body]).toEqual([400, synqError('Bad Request: Malformed HTTP request')]);
  });

  it('408: headers too slow (the path is not known yet: plain shape)', async () => {
    const response = await sendRaw(port, 'GET /v1/tools HTTP/1.1\r\nHost: localhost\r\nX-Never-Ends: 1', '', { endHeaders: false });
    expect([response.status, response.body]).toEqual([408, synqError('Request Timeout: The request was not received in time')]);
    expect(response.headers['x-request-id']).toMatch(UUID);
  });

  it('408: a body too slow, in the shape of its route, with its request id', async () => {
    const syncello = await sendRaw(port, 'POST /v1/auth/login HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: slow-body\r\nContent-Type: application/json\r\nContent-Length: 100', '{"email":');
    expect([syncello.status, syncello.body]).toEqual([408, syncelloError('REQUEST_TIMEOUT', 'The request was not received in time')]);
    expect(syncello.headers['x-request-id']).toBe('slow-body');
    const synq = await sendRaw(port, 'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100', '{"email":');
    expect([synq.status, synq.body]).toEqual([408, synqError('Request Timeout: The request was not received in time')]);
  });

  it('413 from Fastify is in the shape too, with X-Request-Id', async () => {
    const response = await sendRaw(port, `POST /api/v1/products HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${11 * 1024 * 1024}`);
    expect([response.status, response.body]).toEqual([413, synqError('Content Too Large: Request body exceeds the 10 MB limit')]);
    expect(response.headers['x-request-id']).toMatch(UUID);
  });
});

describe('Slowloris: 50 connections sending headers a byte at a time', () => {
  const t = useTestApp();
  let port: number;

  beforeAll(async () => {
    port = await listen(t.app);
  });

  it('do not slow other clients beyond 100 ms', async () => {
    const sockets: Socket[] = [];
    const pending = Array.from({ length: 50 }, () =>
      sendRaw(port, '', '', { onSocket: (s) => sockets.push(s), endHeaders: false }).catch(() => undefined),
    );
    const header = 'GET /v1/tools HTTP/1.1\r\nHost: localhost\r\nX-Padding: ';
    let sent = 0;
    const drip = setInterval(() => {
      for (const socket of sockets) if (!socket.destroyed) socket.write(sent < header.length ? header[sent]! : 'a');
      sent++;
    }, 20);
    try {
      await withinBudget(5, async () => {
        const { healthMs } = await measureWhile(port, () => new Promise((r) => setTimeout(r, 1000)));
        const slowest = Math.max(...healthMs);
        return { ok: healthMs.length >= 20 && slowest < 100, what: `${healthMs.length} /health answers, slowest ${slowest.toFixed(1)} ms` };
      });
      expect(sockets.filter((s) => !s.destroyed)).toHaveLength(50);
    } finally {
      clearInterval(drip);
      for (const socket of sockets) socket.destroy();
      await Promise.all(pending);
    }
  });
});
