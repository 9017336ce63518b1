import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_SECRETS_KEY, useTestApp } from '../helpers/app.js';
import { describeOn } from '../helpers/database.js';
import { freePort } from '../helpers/free-port.js';
import { pollUntil } from '../helpers/poll.js';
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
 * The real `main.js` (built with scripts/build.mjs, started as a child process on its own
 * embedded database): SIGTERM while keep-alive clients sit idle and requests are in flight,
 * what `server.ts` does with the heap once a burst is over, and the V8 flags `main.ts` sets. Runs once (in the PGlite
 * project): it needs no shared database.
 */
const once = describeOn('pglite');

once('the real process', () => {
  const buildDir = join(ROOT, `.e2e-build-${process.pid}`);
  const dataDirs: string[] = [];
  let child: ChildProcess | undefined;
  let output = '';

  beforeAll(() => execFileSync(process.execPath, ['scripts/build.mjs', buildDir], { cwd: ROOT }), 60_000);

  afterAll(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(buildDir, { recursive: true, force: true });
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  /** `main.js` on a new embedded database, its output collected, once `/health` answers. */
  async function startMain(env: Record<string, string>, nodeFlags: string[] = []) {
    const dataDir = mkdtempSync(join(tmpdir(), 'main-e2e-'));
    dataDirs.push(dataDir);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    output = '';
    child = spawn(process.execPath, [...nodeFlags, join(buildDir, 'main.js')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, NODE_ENV: 'test', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SECRETS_KEY: TEST_SECRETS_KEY, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const running = child;
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((done) =>
      running.once('exit', (code, signal) => done({ code, signal, at: Date.now() })),
    );
    await pollUntil(
      () => fetch(`${base}/health`).then((r) => r.ok, () => false),
      (ok) => ok,
      { limitMs: 30_000, everyMs: 100, what: 'main.js answering /health' },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${output}`);
    });
    return { port, base, exited };
  }

  it('answers requests in flight with Connection: close, drops idle sockets at once, and exits 0 within the bound', async () => {
    const { port, base, exited } = await startMain({ SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) });

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
    child!.kill('SIGTERM');
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
    expect(output).toContain('SIGTERM: shutting down, 3 requests in flight');
    // Started without --expose-gc (`npm start` passes it): it says so, once.
    expect(output.match(/started without --expose-gc/g)).toHaveLength(1);
    agent.destroy();
  }, 90_000);

  it('gives the heap back once, when the service goes quiet after a burst (started with --expose-gc)', async () => {
    const { base, exited } = await startMain({ HEAP_TRIM_QUIET_MS: '1000' }, ['--expose-gc']);
    const trims = () => output.match(/quiet after load: heap \d+ -> \d+ MB in \d+ ms/g) ?? [];

    // A burst: requests without pause for longer than one period (500 ms).
    const until = Date.now() + 800;
    while (Date.now() < until) await Promise.all(Array.from({ length: 10 }, () => fetch(`${base}/health`).then((r) => r.text())));
    expect(trims()).toHaveLength(0);

    // Two quiet periods later: one collection, then none while it stays quiet.
    await pollUntil(async () => trims().length, (n) => n > 0, { limitMs: 5_000, everyMs: 100, what: 'the heap trim' });
    expect(trims()).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(trims()).toHaveLength(1);
    expect(output).not.toContain('started without --expose-gc');

    child!.kill('SIGTERM');
    expect((await exited).code).toBe(0);
  }, 60_000);

  it("runs with V8's allocation-site pretenuring off from its first allocation (main.ts, bench/README.md ninth round)", async () => {
    // The trace prints every pretenuring decision: a workload that tenures a site shows them.
    const control = execFileSync(
      process.execPath,
      ['--trace-pretenuring-statistics', '-e', 'const k = []; for (let r = 0; r < 100; r++) for (let i = 0; i < 20000; i++) k.push([i, { a: i }]);'],
      { encoding: 'utf8' },
    );
    expect(control).toMatch(/pretenuring: AllocationSite\(0x[0-9a-f]+\): \(created, found, ratio\)/);

    // The service prints none: not while its modules load, nor at start, nor under requests.
    const { base, exited } = await startMain({ LOG_LEVEL: 'warn' }, ['--trace-pretenuring-statistics']);
    const email = `pretenuring-${Date.now()}@example.com`;
    const registered = await fetch(`${base}/v1/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: 'correct horse battery' }),
    });
    expect(registered.status).toBe(201);
    for (let i = 0; i < 20; i++) await Promise.all(Array.from({ length: 25 }, () => fetch(`${base}/health`).then((r) => r.text())));
    expect(output).not.toContain('pretenuring:');

    child!.kill('SIGTERM');
    expect((await exited).code).toBe(0);
  }, 60_000);
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
