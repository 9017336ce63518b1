import { randomUUID } from 'node:crypto';
import { rawRequest, startApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { FORBIDDEN, UNAUTHORIZED } from '../helpers/fixtures.js';
import { ADMIN_ENV, registerUser, type TestUser } from '../helpers/syncello.js';
import { asBearer, claimsOf, noneToken, signWith, tamper, userSecret } from '../helpers/tokens.js';

/**
 * Every protected `/v1` route, with the token kind it takes. Each gets the whole 401 matrix;
 * the success case of each lives with its feature's tests.
 */
const ROUTES: Array<{ method: 'get' | 'post' | 'put' | 'delete' | 'patch'; path: string; token: 'api-key' | 'session'; body?: object }> = [
  { method: 'get', path: '/v1/tools', token: 'api-key' },
  { method: 'post', path: '/v1/tools/tape/listApps', token: 'api-key', body: { workspace_id: 12345 } },
  { method: 'get', path: '/v1/account', token: 'session' },
  { method: 'get', path: '/v1/account/api-key', token: 'session' },
  { method: 'post', path: '/v1/account/api-key/regenerate', token: 'session' },
  { method: 'get', path: '/v1/account/usage', token: 'session' },
  { method: 'put', path: '/v1/account/connections/tape', token: 'session', body: { apiKey: 'k' } },
  { method: 'delete', path: '/v1/account/connections/tape', token: 'session' },
  { method: 'get', path: '/v1/admin/users', token: 'session' },
  { method: 'patch', path: `/v1/admin/users/${randomUUID()}`, token: 'session', body: { role: 'viewer' } },
];

describe('Syncello authentication', () => {
  let database: TestDatabase;
  let t: TestApp;
  let user: TestUser;
  let staleKey: string;
  let baseUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    t = await startApp(database, ADMIN_ENV);
    await t.app.listen(0, '127.0.0.1');
    baseUrl = await t.app.getUrl();
    user = await registerUser(t);
    // A key that was valid until its secret was regenerated.
    const stale = await registerUser(t);
    staleKey = stale.apiKey;
    await t.http.post('/v1/account/api-key/regenerate').set(asBearer(stale.sessionToken)).expect(200);
  });

  afterAll(async () => {
    await t.close();
    await database.drop();
  });

  describe.each(ROUTES)('$method $path ($token)', (route) => {
    const call = (headers: Record<string, string>) => {
      const test = t.http[route.method](route.path).set(headers);
      return route.body ? test.send(route.body) : test;
    };
    const good = () => (route.token === 'api-key' ? user.apiKey : user.sessionToken);
    const otherKind = () => (route.token === 'api-key' ? user.sessionToken : user.apiKey);

    it.each([
      ['no header', () => ({})],
      ['empty bearer', () => ({ Authorization: 'Bearer ' })],
      ['another scheme', () => ({ Authorization: `Basic ${good()}` })],
      ['no scheme', () => ({ Authorization: good() })],
      ['a tab after Bearer', () => ({ Authorization: `Bearer\t${good()}` })],
      ['trailing text', () => ({ Authorization: `Bearer ${good()} extra` })],
      ['two tokens', () => ({ Authorization: `Bearer ${good()},${good()}` })],
      ['not a JWT', () => ({ Authorization: 'Bearer not-a-jwt' })],
      ['alg none', () => asBearer(noneToken(claimsOf(good())))],
      ['tampered sub', () => asBearer(tamper(good(), { sub: randomUUID() }))],
      ['tampered iat', () => asBearer(tamper(good(), { iat: 1 }))],
      ['the other kind of token', () => asBearer(otherKind())],
      ['a regenerated API key', () => asBearer(staleKey)],
    ])('401 for %s', async (_name, headers) => {
      const response = await call(headers());
      expect(response.status).toBe(401);
      expect(response.body).toEqual(UNAUTHORIZED);
    });

    it('401 for a token in the query string instead of the header', async () => {
      const response = await t.http[route.method](`${route.path}?token=${good()}&access_token=${good()}`);
      expect(response.status).toBe(401);
      expect(response.body).toEqual(UNAUTHORIZED);
    });

    it('401 for a second Authorization header, even with the same good token', async () => {
      const response = await rawRequest(baseUrl, route.method.toUpperCase(), route.path, [
        'Authorization',
        `Bearer ${good()}`,
        'Authorization',
        `Bearer ${good()}`,
      ]);
      expect(response.status).toBe(401);
      expect(response.body).toEqual(UNAUTHORIZED);
    });
  });

  describe('API key rules (tokens signed with the user’s real secret)', () => {
    let secret: Buffer;
    const now = () => Math.floor(Date.now() / 1000);
    const tools = (token: string) => t.http.get('/v1/tools').set(asBearer(token));

    beforeAll(async () => {
      secret = await userSecret(t.app, user.id);
    });

    it('accepts a well-formed key signed with the secret', async () => {
      const response = await tools(signWith(secret, { sub: user.id, iat: now(), iss: 'syncello' }));
      expect(response.status).toBe(200);
    });

    it('accepts the scheme in any case and several spaces', async () => {
      const response = await t.http.get('/v1/tools').set({ Authorization: `bEARER   ${user.apiKey}` });
      expect(response.status).toBe(200);
    });

    it('honours an exp that has not passed', async () => {
      const response = await tools(signWith(secret, { sub: user.id, iat: now(), iss: 'syncello', exp: now() + 600 }));
      expect(response.status).toBe(200);
    });

    it.each([
      ['HS512 with the right secret', () => signWith(secret, { sub: user.id, iat: now(), iss: 'syncello' }, { algorithm: 'HS512' })],
      ['HS384 with the right secret', () => signWith(secret, { sub: user.id, iat: now(), iss: 'syncello' }, { algorithm: 'HS384' })],
      ['no iss', () => signWith(secret, { sub: user.id, iat: now() })],
      ['another iss', () => signWith(secret, { sub: user.id, iat: now(), iss: 'syncello ' })],
      ['no iat', () => signWith(secret, { sub: user.id, iss: 'syncello' })],
      ['iat not a number', () => signWith(secret, { sub: user.id, iat: String(now()), iss: 'syncello' })],
      ['iat more than 60 s ahead', () => signWith(secret, { sub: user.id, iat: now() + 120, iss: 'syncello' })],
      ['an exp that has passed', () => signWith(secret, { sub: user.id, iat: now() - 100, iss: 'syncello', exp: now() - 10 })],
      ['a crit header', () => signWith(secret, { sub: user.id, iat: now(), iss: 'syncello' }, { header: { crit: ['exp'] } })],
      ['sub not a uuid', () => signWith(secret, { sub: 'admin', iat: now(), iss: 'syncello' })],
      ['an unknown sub', () => signWith(secret, { sub: randomUUID(), iat: now(), iss: 'syncello' })],
      ['a session-like audience', () => signWith(secret, { sub: user.id, iat: now(), iss: 'syncello', aud: 'syncello-dashboard' })],
    ])('401 for %s', async (_name, token) => {
      const response = await tools(token());
      expect(response.status).toBe(401);
      expect(response.body).toEqual(UNAUTHORIZED);
    });

    it('tolerates iat up to 60 s ahead (clock skew)', async () => {
      const response = await tools(signWith(secret, { sub: user.id, iat: now() + 30, iss: 'syncello' }));
      expect(response.status).toBe(200);
    });
  });

  describe('issued API keys', () => {
    it('are exactly { sub, iat, iss } with header { alg: HS256, typ: JWT }', () => {
      const [header] = user.apiKey.split('.');
      expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
      const claims = claimsOf(user.apiKey);
      expect(Object.keys(claims).sort()).toEqual(['iat', 'iss', 'sub']);
      expect(claims).toEqual({ sub: user.id, iat: expect.any(Number), iss: 'syncello' });
    });

    it('regenerating refuses every earlier key, and the new one works', async () => {
      const someone = await registerUser(t);
      const copied = await t.http.get('/v1/account/api-key').set(asBearer(someone.sessionToken)).expect(200);
      const copiedKey = (copied.body as { data: { apiKey: string } }).data.apiKey;
      await t.http.get('/v1/tools').set(asBearer(copiedKey)).expect(200);

      const regenerated = await t.http.post('/v1/account/api-key/regenerate').set(asBearer(someone.sessionToken)).expect(200);
      const fresh = (regenerated.body as { data: { apiKey: string } }).data.apiKey;

      for (const old of [someone.apiKey, copiedKey]) {
        const response = await t.http.get('/v1/tools').set(asBearer(old));
        expect(response.status).toBe(401);
        expect(response.body).toEqual(UNAUTHORIZED);
      }
      await t.http.get('/v1/tools').set(asBearer(fresh)).expect(200);
    });
  });

  describe('roles', () => {
    it('403 for a member on admin routes', async () => {
      for (const call of [
        t.http.get('/v1/admin/users').set(asBearer(user.sessionToken)),
        t.http.patch(`/v1/admin/users/${user.id}`).set(asBearer(user.sessionToken)).send({ role: 'admin' }),
      ]) {
        const response = await call;
        expect(response.status).toBe(403);
        expect(response.body).toEqual(FORBIDDEN);
      }
    });
  });
});
