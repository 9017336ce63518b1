import { Redis } from 'ioredis';
import { startApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { INVALID_CREDENTIALS, syncelloError } from '../helpers/fixtures.js';
import { freePort } from '../helpers/free-port.js';
import { MACHINE_REDIS_URL, PrivateRedis, uniqueRedisPrefix } from '../helpers/redis.js';
import { PASSWORD, registerUser } from '../helpers/syncello.js';
import { signup, synqError } from '../helpers/synq.js';
import { asBearer } from '../helpers/tokens.js';

/** The contract's real defaults: '' means "not set". */
const DEFAULT_LIMITS = { RATE_LIMIT_AUTH_PER_MINUTE: '', RATE_LIMIT_LOGIN_FAILURES: '', RATE_LIMIT_TOOLS_PER_MINUTE: '', RATE_LIMIT_LOGIN_BLOCK_SECONDS: '' };

const SIGN_IN_LIMITED = {
  syncello: syncelloError('RATE_LIMITED', 'Too many failed sign-ins for this account from this address; try again later'),
  synq: synqError('Too Many Requests: Too many failed sign-ins for this account from this address; try again later'),
};
const AUTH_LIMITED = {
  syncello: syncelloError('RATE_LIMITED', 'Too many requests from this address; try again later'),
  synq: synqError('Too Many Requests: Too many requests from this address; try again later'),
};
const TOOLS_LIMITED = syncelloError('RATE_LIMITED', 'Too many tool executions; try again later');
const SYNQ_BAD_CREDENTIALS = synqError('Unauthorized: Invalid email or password');

/** A fresh documentation-range address per use, so tests behind a trusted proxy never share a budget. */
let lastOctet = 0;
const nextAddress = () => `198.51.100.${++lastOctet}`;

function retryAfterOf(response: { headers: Record<string, string> }): number {
  const value = response.headers['retry-after'];
  expect(value).toMatch(/^[1-9]\d*$/);
  return Number(value);
}

describe('abuse limits', () => {
  let database: TestDatabase;
  const apps: TestApp[] = [];
  const start = async (env: Record<string, string>) => {
    const app = await startApp(database, env);
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await database.drop();
  });

  describe('failed sign-ins (defaults: 10 in a row, then 900 s)', () => {
    let t: TestApp;
    beforeAll(async () => {
      // Behind a trusted proxy (the test client), so each case has its own client address.
      t = await start({ ...DEFAULT_LIMITS, RATE_LIMIT_AUTH_PER_MINUTE: '1000000', TRUST_PROXY: '127.0.0.1' });
    });

    const surfaces = [
      {
        name: 'syncello' as const,
        path: '/v1/auth/login',
        account: async () => (await registerUser(t)).email,
        ok: 200,
        bad: INVALID_CREDENTIALS,
      },
      {
        name: 'synq' as const,
        path: '/api/v1/auth/login',
        account: async () => (await signup(t)).email,
        ok: 200,
        bad: SYNQ_BAD_CREDENTIALS,
      },
    ];

    describe.each(surfaces)('$path', (surface) => {
      const attempt = (email: string, password: string, from: string) =>
        t.http.post(surface.path).set('X-Forwarded-For', from).send({ email, password });

      it('10 failures in a row block that email from that address for 900 s, even with the right password', async () => {
        const email = await surface.account();
        const from = nextAddress();
        for (let i = 0; i < 10; i++) {
          const response = await attempt(email, 'wrong password!', from);
          expect(response.status).toBe(401);
          expect(response.body).toEqual(surface.bad);
        }
        const blocked = await attempt(email, PASSWORD, from);
        expect(blocked.status).toBe(429);
        expect(blocked.body).toEqual(SIGN_IN_LIMITED[surface.name]);
        expect(retryAfterOf(blocked)).toBe(900);
        // Upper case and spaces are the same email.
        expect((await attempt(` ${email.toUpperCase()} `, PASSWORD, from)).status).toBe(429);

        // Another address, and another email from the same address, are unaffected.
        expect((await attempt(email, PASSWORD, nextAddress())).status).toBe(surface.ok);
        const other = await surface.account();
        expect((await attempt(other, PASSWORD, from)).status).toBe(surface.ok);
      });

      it('a success resets the count', async () => {
        const email = await surface.account();
        const from = nextAddress();
        for (let round = 0; round < 2; round++) {
          for (let i = 0; i < 9; i++) expect((await attempt(email, 'wrong password!', from)).status).toBe(401);
          expect((await attempt(email, PASSWORD, from)).status).toBe(surface.ok);
        }
        // A tenth failure after the reset is still only a 401.
        expect((await attempt(email, 'wrong password!', from)).status).toBe(401);
      });
    });

    it('the surfaces count separately, and the log line masks the email', async () => {
      const user = await registerUser(t);
      const from = nextAddress();
      for (let i = 0; i < 10; i++) await t.http.post('/v1/auth/login').set('X-Forwarded-For', from).send({ email: user.email, password: 'wrong password!' }).expect(401);
      await t.http.post('/v1/auth/login').set('X-Forwarded-For', from).send({ email: user.email, password: PASSWORD }).expect(429);
      // The same email on Synq (no such account there) is only a 401.
      await t.http.post('/api/v1/auth/login').set('X-Forwarded-For', from).send({ email: user.email, password: 'wrong password!' }).expect(401);

      const lines = t.logs
        .join('')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => l.msg === 'rate limit reached' && l.client === from);
      expect(lines).toEqual([
        {
          level: 'warn',
          time: expect.any(String),
          reqId: expect.any(String),
          context: 'RateLimit',
          limit: 'login-failures',
          surface: 'syncello',
          client: from,
          email: `u***@example.com`,
          failures: 10,
          retryAfter: 900,
          msg: 'rate limit reached',
        },
      ]);
      expect(t.logs.join('').includes(user.email) ? 'email in clear' : 'masked').toBe('masked');
    });
  });

  describe('unauthenticated auth routes (default: 60 per minute per address and surface)', () => {
    it('the 61st request in a minute is 429 with Retry-After, per surface; a forged X-Forwarded-For changes nothing', async () => {
      const t = await start(DEFAULT_LIMITS); // no TRUST_PROXY: the TCP peer is the address
      const routes = [
        ['/v1/auth/register', {}],
        ['/v1/auth/login', {}],
      ] as const;
      for (let i = 0; i < 60; i++) {
        const [path, body] = routes[i % 2]!;
        // Each request claims another address: from an untrusted peer, that is ignored.
        await t.http.post(path).set('X-Forwarded-For', nextAddress()).send(body).expect(400);
      }
      for (const [path] of routes) {
        const limited = await t.http.post(path).set('X-Forwarded-For', nextAddress()).send({ email: 'a@example.com', password: PASSWORD });
        expect(limited.status).toBe(429);
        expect(limited.body).toEqual(AUTH_LIMITED.syncello);
        const seconds = retryAfterOf(limited);
        expect(seconds).toBeLessThanOrEqual(60);
      }
      // Synq has its own budget for the same address.
      const synq = ['/api/v1/auth/signup', '/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/accept-invite'];
      for (let i = 0; i < 60; i++) await t.http.post(synq[i % 4]!).send({}).expect(400);
      for (const path of synq) {
        const limited = await t.http.post(path).send({});
        expect(limited.status).toBe(429);
        expect(limited.body).toEqual(AUTH_LIMITED.synq);
        retryAfterOf(limited);
      }
      // Logout is not an unauthenticated sign-in route, and health is untouched.
      await t.http.post('/api/v1/auth/logout').send({ refreshToken: 'x' }).expect(204);
      await t.http.get('/health').expect(200);
    });

    it('behind a trusted proxy, each client address has its own budget', async () => {
      const t = await start({ ...DEFAULT_LIMITS, TRUST_PROXY: '127.0.0.1' });
      const a = nextAddress();
      for (let i = 0; i < 60; i++) await t.http.post('/v1/auth/register').set('X-Forwarded-For', a).send({}).expect(400);
      expect((await t.http.post('/v1/auth/register').set('X-Forwarded-For', a).send({})).status).toBe(429);
      // A client cannot escape by prepending an address: the proxy appended the real one last.
      expect((await t.http.post('/v1/auth/register').set('X-Forwarded-For', `203.0.113.9, ${a}`).send({})).status).toBe(429);
      await t.http.post('/v1/auth/register').set('X-Forwarded-For', nextAddress()).send({}).expect(400);
    });
  });

  describe('tool executions (default: 120 per minute per user)', () => {
    it('the 121st execution in a minute is 429; other users and GET /v1/tools are unaffected', async () => {
      const t = await start(DEFAULT_LIMITS);
      const user = await registerUser(t);
      const other = await registerUser(t);
      for (let i = 0; i < 120; i++) await t.http.post('/v1/tools/tape/noSuchTool').set(asBearer(user.apiKey)).send({}).expect(404);
      const limited = await t.http.post('/v1/tools/tape/listApps').set(asBearer(user.apiKey)).send({ workspace_id: 1 });
      expect(limited.status).toBe(429);
      expect(limited.body).toEqual(TOOLS_LIMITED);
      expect(retryAfterOf(limited)).toBeLessThanOrEqual(60);
      await t.http.get('/v1/tools').set(asBearer(user.apiKey)).expect(200);
      await t.http.post('/v1/tools/tape/noSuchTool').set(asBearer(other.apiKey)).send({}).expect(404);
    });
  });

  describe('shared in Redis', () => {
    it('two instances share one budget', async () => {
      const env = { ...DEFAULT_LIMITS, REDIS_URL: MACHINE_REDIS_URL, REDIS_KEY_PREFIX: uniqueRedisPrefix() };
      const a = await start({ ...env, RATE_LIMIT_TOOLS_PER_MINUTE: '1000000' });
      const b = await start({ ...env, RATE_LIMIT_TOOLS_PER_MINUTE: '1000000' });
      for (let i = 0; i < 60; i++) await (i % 2 ? a : b).http.post('/api/v1/auth/login').send({}).expect(400);
      for (const t of [a, b]) {
        const limited = await t.http.post('/api/v1/auth/login').send({});
        expect(limited.status).toBe(429);
        expect(limited.body).toEqual(AUTH_LIMITED.synq);
      }
    });

    it('requests with a token on other routes write nothing to Redis', async () => {
      const prefix = uniqueRedisPrefix();
      const t = await start({ ...DEFAULT_LIMITS, REDIS_URL: MACHINE_REDIS_URL, REDIS_KEY_PREFIX: prefix });
      const user = await registerUser(t); // register and login: two auth-route counters
      const account = await signup(t); // signup: one more, on the Synq side
      const client = new Redis(MACHINE_REDIS_URL, { maxRetriesPerRequest: 1 });
      try {
        const before = (await client.keys(`${prefix}*`)).sort();
        expect(before).toHaveLength(2); // one per surface for this address
        for (let i = 0; i < 5; i++) {
          await t.http.get('/v1/tools').set(asBearer(user.apiKey)).expect(200);
          await t.http.get('/v1/account').set(asBearer(user.sessionToken)).expect(200);
          await t.http.get('/api/v1/products').set(asBearer(account.idToken)).expect(200);
        }
        expect((await client.keys(`${prefix}*`)).sort()).toEqual(before);
        expect(await Promise.all(before.map((key) => client.get(key)))).toEqual(['2', '1']);
      } finally {
        client.disconnect();
      }
    });

    it('failed sign-ins on one instance block the pair on the other', async () => {
      const env = { ...DEFAULT_LIMITS, RATE_LIMIT_AUTH_PER_MINUTE: '1000000', REDIS_URL: MACHINE_REDIS_URL, REDIS_KEY_PREFIX: uniqueRedisPrefix() };
      const a = await start(env);
      const b = await start(env);
      const account = await signup(a);
      for (let i = 0; i < 10; i++) await (i % 2 ? a : b).http.post('/api/v1/auth/login').send({ email: account.email, password: 'wrong password!' }).expect(401);
      for (const t of [a, b]) {
        const blocked = await t.http.post('/api/v1/auth/login').send({ email: account.email, password: PASSWORD });
        expect(blocked.status).toBe(429);
        expect(blocked.body).toEqual(SIGN_IN_LIMITED.synq);
        expect(retryAfterOf(blocked)).toBe(900);
      }
    });

    it('a Redis outage falls back to per-instance limits, logs once, and recovers alone', async () => {
      const redis = new PrivateRedis(await freePort());
      await redis.start();
      const prefix = uniqueRedisPrefix();
      const counters = async () => {
        const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
        try {
          const keys = await client.keys(`${prefix}*`);
          return Promise.all(keys.map((key) => client.get(key)));
        } finally {
          client.disconnect();
        }
      };
      try {
        const t = await start({ ...DEFAULT_LIMITS, RATE_LIMIT_AUTH_PER_MINUTE: '5', REDIS_URL: redis.url, REDIS_KEY_PREFIX: prefix });
        await t.http.post('/api/v1/auth/login').send({}).expect(400);
        expect(await counters()).toEqual(['1']);

        await redis.stop();
        // Still limited, per instance, and fast (no queueing behind the dead connection).
        const started = Date.now();
        for (let i = 0; i < 5; i++) await t.http.post('/api/v1/auth/login').send({}).expect(400);
        const limited = await t.http.post('/api/v1/auth/login').send({});
        expect(limited.status).toBe(429);
        expect(limited.body).toEqual(AUTH_LIMITED.synq);
        expect(Date.now() - started).toBeLessThan(5_000);
        const outage = () => t.logs.join('').split('\n').filter((l) => l.includes('Redis unreachable'));
        expect(outage()).toHaveLength(1);

        await redis.start();
        const deadline = Date.now() + 10_000;
        while (!t.logs.join('').includes('Redis reachable again')) {
          if (Date.now() > deadline) throw new Error('no recovery logged');
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        // Counting in Redis again: the (fresh, empty) server holds the client's counter.
        await t.http.post('/api/v1/auth/login').send({}).expect(400);
        expect(await counters()).toEqual(['1']);
        expect(outage()).toHaveLength(1);
      } finally {
        await redis.stop();
      }
    });
  });
});
