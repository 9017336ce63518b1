import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_SECRETS_KEY, useTestApp } from '../helpers/app.js';
import { describeOn } from '../helpers/database.js';
import { freePort } from '../helpers/free-port.js';
import { syncelloError } from '../helpers/fixtures.js';
import { markClosing } from '../../src/common/http/request-lifecycle.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const SHUTDOWN_TIMEOUT_MS = 10_000;

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * SIGTERM to the real `main.js` (built with scripts/build.mjs, started as a child process on
 * its own embedded database) while keep-alive clients sit idle and requests are in flight.
 * Runs once (in the PGlite project): it needs no shared database.
 */
const once = describeOn('pglite');

once('SIGTERM on the real process', () => {
  const buildDir = join(ROOT, `.e2e-build-${process.pid}`);
  let dataDir: string | undefined;
  let child: ChildProcess | undefined;
  let output = '';

  afterAll(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(buildDir, { recursive: true, force: true });
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers requests in flight with Connection: close, drops idle sockets at once, and exits 0 within the bound', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'shutdown-e2e-'));
    execFileSync(process.execPath, ['scripts/build.mjs', buildDir], { cwd: ROOT });
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [join(buildDir, 'main.js')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        SECRETS_KEY: TEST_SECRETS_KEY,
        LOG_LEVEL: 'info',
        SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((done) =>
      child!.once('exit', (code, signal) => done({ code, signal, at: Date.now() })),
    );

    const started = Date.now();
    for (;;) {
      const ok = await fetch(`${base}/health`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() - started > 30_000) throw new Error(`the server did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    // Idle keep-alive clients: five sockets, each used once and left open.
    const agent = new Agent({ keepAlive: true, maxSockets: 5 });
    const idleClosed: Array<Promise<void>> = [];
    await Promise.all(
      Array.from({ length: 5 }, () =>
        new Promise<void>((done, fail) => {
          const req = httpRequest(`${base}/health`, { agent }, (res) => {
            res.resume();
            res.on('end', () => done());
          });
          req.on('socket', (socket) => idleClosed.push(new Promise((closed) => socket.once('close', () => closed()))));
          req.on('error', fail);
          req.end();
        }),
      ),
    );
    expect(agent.freeSockets[`127.0.0.1:${port}:`]?.length).toBe(5);

    // Requests in flight: headers and half a body sent before the signal, the rest after.
    const inFlight = Array.from({ length: 3 }, (_, i) => {
      const body = JSON.stringify({ email: `shutdown-${i}-${Date.now()}@example.com`, password: 'correct horse battery' });
      const half = Math.floor(body.length / 2);
      let finish!: () => void;
      const answer = new Promise<Answer>((done, fail) => {
        const req = httpRequest(
          `${base}/v1/auth/register`,
          {
            method: 'POST',
            agent: new Agent({ keepAlive: true }),
            headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
          },
          (res) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c.toString()));
            res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
          },
        );
        req.on('error', fail);
        req.write(body.slice(0, half));
        finish = () => req.end(body.slice(half));
      });
      return { answer, finish: () => finish() };
    });
    await new Promise((r) => setTimeout(r, 300)); // the server has read their headers

    const signalled = Date.now();
    child.kill('SIGTERM');
    // The idle sockets are closed at once, not after the keep-alive timeout.
    await Promise.race([
      Promise.all(idleClosed),
      new Promise((_, fail) => setTimeout(() => fail(new Error('idle keep-alive sockets still open 2 s after SIGTERM')), 2_000)),
    ]);
    await new Promise((r) => setTimeout(r, 200));
    for (const request of inFlight) request.finish();

    const answers = await Promise.all(inFlight.map((r) => r.answer));
    for (const answer of answers) {
      expect([answer.status, answer.headers.connection]).toEqual([201, 'close']);
      expect(JSON.parse(answer.body)).toMatchObject({ success: true });
    }

    const exit = await exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.at - signalled).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
    expect(output).toContain('SIGTERM: shutting down');
    agent.destroy();
  }, 90_000);
});

/** What a request gets once the server is closing (here marked closing in-process). */
describe('a request arriving while the server closes', () => {
  const t = useTestApp();

  it('gets 503 in its surface shape with X-Request-Id, Retry-After and Connection: close', async () => {
    markClosing(t.app.getHttpAdapter().getInstance());

    const syncello = await t.http.get('/v1/tools').set('X-Request-Id', 'closing-1');
    expect([syncello.status, syncello.headers['x-request-id'], syncello.headers['retry-after'], syncello.headers.connection]).toEqual([
      503,
      'closing-1',
      '1',
      'close',
    ]);
    expect(syncello.body).toEqual(syncelloError('SERVICE_UNAVAILABLE', 'Service unavailable: the server is shutting down'));

    const synq = await t.http.get('/api/v1/products');
    expect([synq.status, typeof synq.headers['x-request-id'], synq.headers.connection]).toEqual([503, 'string', 'close']);
    expect(synq.body).toEqual({ error: 'Service Unavailable: the server is shutting down' });
  });
});
