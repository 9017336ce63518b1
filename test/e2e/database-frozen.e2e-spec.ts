import { startApp, type TestApp } from '../helpers/app.js';
import { describeOn } from '../helpers/database.js';
import { syncelloError } from '../helpers/fixtures.js';
import { startPrivatePostgres, type PrivatePostgres } from '../helpers/private-postgres.js';
import { PASSWORD, registerUser } from '../helpers/syncello.js';
import { signup } from '../helpers/synq.js';
import { asBearer } from '../helpers/tokens.js';

/**
 * A frozen database (every process of a private PostgreSQL stopped with SIGSTOP): nothing
 * hangs. With short database timeouts a request answers 503 as soon as its query gives up;
 * with long ones the request deadline answers 503 in the surface's shape. After SIGCONT both
 * instances serve again without help.
 */
const onPostgres = describeOn('postgres');

onPostgres('a frozen database (private PostgreSQL, SIGSTOP)', () => {
  let server: PrivatePostgres;
  /** Database timeouts shorter than the request deadline. */
  let fast: TestApp;
  /** Database timeouts longer than the request deadline. */
  let slow: TestApp;

  beforeAll(async () => {
    server = await startPrivatePostgres();
    await server.query('CREATE DATABASE syncello');
    const database = { kind: 'postgres' as const, url: server.url('syncello'), drop: async () => undefined };
    fast = await startApp(database, { DATABASE_CONNECT_TIMEOUT_MS: '1000', DATABASE_STATEMENT_TIMEOUT_MS: '1000', REQUEST_TIMEOUT_MS: '8000' });
    slow = await startApp(database, { DATABASE_CONNECT_TIMEOUT_MS: '60000', DATABASE_STATEMENT_TIMEOUT_MS: '60000', REQUEST_TIMEOUT_MS: '1500' });
  }, 60_000);

  afterAll(async () => {
    server?.resume();
    await fast?.close();
    await slow?.close();
    await server?.stop();
  });

  async function timed<T>(call: () => Promise<T>): Promise<[T, number]> {
    const started = Date.now();
    const result = await call();
    return [result, Date.now() - started];
  }

  it('answers 503 within its deadline while frozen, and recovers alone', async () => {
    const user = await registerUser(fast);
    const synq = await signup(fast);
    await slow.http.get('/api/v1/products').set(asBearer(synq.idToken)).expect(200);

    server.pause();
    try {
      // Short database timeouts: the query gives up (client side, 2 s) and the filter says 503.
      const [login, loginMs] = await timed(() => fast.http.post('/v1/auth/login').send({ email: user.email, password: PASSWORD }));
      expect([login.status, login.headers['retry-after'], login.body]).toEqual([
        503,
        '5',
        syncelloError('SERVICE_UNAVAILABLE', 'Service unavailable: the database is unreachable'),
      ]);
      expect(loginMs).toBeLessThan(8_000);

      // Long database timeouts: the request deadline (1.5 s) answers, in each surface's shape.
      const [products, productsMs] = await timed(() => slow.http.get('/api/v1/products').set(asBearer(synq.idToken)));
      expect([products.status, products.headers['retry-after'], products.body]).toEqual([
        503,
        '5',
        { error: 'Service Unavailable: the request did not complete in time' },
      ]);
      expect(productsMs).toBeGreaterThanOrEqual(1_400);
      expect(productsMs).toBeLessThan(5_000);
      const [slowLogin, slowLoginMs] = await timed(() => slow.http.post('/v1/auth/login').send({ email: user.email, password: PASSWORD }));
      expect([slowLogin.status, slowLogin.body]).toEqual([
        503,
        syncelloError('SERVICE_UNAVAILABLE', 'Service unavailable: the request did not complete in time'),
      ]);
      expect(slowLoginMs).toBeLessThan(5_000);
      expect(typeof slowLogin.headers['x-request-id']).toBe('string');

      // Liveness needs no database.
      expect((await fast.http.get('/health')).status).toBe(200);
    } finally {
      server.resume();
    }

    // Both instances serve again by themselves.
    for (const app of [fast, slow]) {
      const started = Date.now();
      for (;;) {
        const response = await app.http.get('/api/v1/products').set(asBearer(synq.idToken));
        if (response.status === 200) break;
        if (Date.now() - started > 15_000) throw new Error(`still ${response.status} 15 s after SIGCONT`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const login = await app.http.post('/v1/auth/login').send({ email: user.email, password: PASSWORD });
      expect(login.status).toBe(200);
    }
  }, 60_000);
});
