import { randomUUID } from 'node:crypto';
import { startApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { UNAUTHORIZED } from '../helpers/fixtures.js';
import { registerUser } from '../helpers/syncello.js';
import {
  CLAIM_REFUSALS,
  forgedIdTokens,
  claimsFor,
  newRsaKey,
  ownSigningKey,
  signRs256,
  signup,
  synqError,
  SYNQ_INSUFFICIENT,
  SYNQ_UNAUTHORIZED,
  type SynqAccount,
} from '../helpers/synq.js';
import { asBearer } from '../helpers/tokens.js';
import type { FakeServer } from '../fakes/fake-server.js';
import { createFakeJwks } from '../fakes/fake-jwks.server.js';

type Method = 'get' | 'post' | 'patch' | 'delete';
interface RouteCase {
  method: Method;
  path: (ctx: Ctx) => Promise<string> | string;
  body?: object;
  roles: Array<'ADMIN' | 'EDITOR' | 'VIEWER'>;
  success: number;
}
interface Ctx {
  t: TestApp;
  admin: SynqAccount;
}

const productPath = async ({ t, admin }: Ctx) => {
  const created = await t.http.post('/api/v1/products').set(asBearer(admin.idToken)).send({ title: 'Target' }).expect(201);
  return `/api/v1/products/${created.body.id as string}`;
};
const memberPath = async ({ t, admin }: Ctx) => {
  const invited = await t.http
    .post('/api/v1/organization/members')
    .set(asBearer(admin.idToken))
    .send({ email: `target-${randomUUID()}@example.com`, role: 'VIEWER' })
    .expect(201);
  return `/api/v1/organization/members/${invited.body.uid as string}`;
};

/** Every protected `/api/v1` route, the roles the contract gives it, and its success status. */
const ROUTES: RouteCase[] = [
  { method: 'get', path: () => '/api/v1/products', roles: ['ADMIN', 'EDITOR', 'VIEWER'], success: 200 },
  { method: 'get', path: productPath, roles: ['ADMIN', 'EDITOR', 'VIEWER'], success: 200 },
  { method: 'post', path: () => '/api/v1/products', body: { title: 'New' }, roles: ['ADMIN', 'EDITOR'], success: 201 },
  { method: 'patch', path: productPath, body: { status: 'DRAFT' }, roles: ['ADMIN', 'EDITOR'], success: 200 },
  { method: 'delete', path: productPath, roles: ['ADMIN'], success: 204 },
  { method: 'get', path: () => '/api/v1/organization/members', roles: ['ADMIN', 'EDITOR', 'VIEWER'], success: 200 },
  { method: 'post', path: () => '/api/v1/organization/members', body: { role: 'VIEWER' }, roles: ['ADMIN'], success: 201 },
  { method: 'patch', path: memberPath, body: { role: 'EDITOR' }, roles: ['ADMIN'], success: 200 },
  { method: 'delete', path: memberPath, roles: ['ADMIN'], success: 204 },
];
const label = (r: RouteCase) => `${r.method.toUpperCase()} ${r.path === productPath ? '/api/v1/products/:id' : r.path === memberPath ? '/api/v1/organization/members/:uid' : (r.path as () => string)()}`;

const EXTERNAL_ISSUER = 'https://idp.example.test/';
const EXTERNAL_AUDIENCE = 'synq-external';

describe('Synq authentication', () => {
  let database: TestDatabase;
  let t: TestApp;
  let admin: SynqAccount;
  let other: SynqAccount;
  let jwks: FakeServer;
  const external = newRsaKey('ext-1');
  let externalKeys = [external.jwk];

  const own = () => ownSigningKey(t.app);
  const ctx = (): Ctx => ({ t, admin });

  async function call(route: RouteCase, token?: string) {
    const path = await route.path(ctx());
    let body = route.body;
    if (route.method === 'post' && path.endsWith('/members')) body = { ...body, email: `new-${randomUUID()}@example.com` };
    const request = t.http[route.method](path);
    if (token) request.set(asBearer(token));
    return body ? request.send(body) : request;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    jwks = createFakeJwks(() => externalKeys);
    const jwksUrl = `${await jwks.start()}/.well-known/jwks.json`;
    t = await startApp(database, {
      SYNQ_EXTERNAL_JWKS_URL: jwksUrl,
      SYNQ_EXTERNAL_ISSUER: EXTERNAL_ISSUER,
      SYNQ_EXTERNAL_AUDIENCE: EXTERNAL_AUDIENCE,
      SYNQ_JWKS_REFETCH_COOLDOWN_MS: '60000',
    });
    admin = await signup(t);
    other = await signup(t, 'Other Corp');
  });

  afterAll(async () => {
    await t.close();
    await jwks.stop();
    await database.drop();
  });

  describe.each(ROUTES)('$method', (route) => {
    it.each([
      ...forgedIdTokens(() => ({ admin, other, key: own() })),
      ['the external audience on our issuer', () => signRs256(own(), claimsFor(admin, { aud: EXTERNAL_AUDIENCE }))],
      // A jwk of the trusted external provider, embedded: still never a key to verify with.
      ['an embedded trusted jwk', () => signRs256(own(), claimsFor(admin), { jwk: external.jwk })],
    ])(`${'%s'} → 401`, async (_name, token) => {
      const response = await call(route, token());
      expect(response.status).toBe(401);
      expect(response.body).toEqual(SYNQ_UNAUTHORIZED);
    });

    it('401 for a Syncello API key', async () => {
      const user = await registerUser(t);
      const response = await call(route, user.apiKey);
      expect(response.status).toBe(401);
      expect(response.body).toEqual(SYNQ_UNAUTHORIZED);
    });

    it.each(CLAIM_REFUSALS)('403 for %s', async (_name, overrides, error) => {
      const response = await call(route, signRs256(own(), claimsFor(admin, overrides)));
      expect(response.status).toBe(403);
      expect(response.body).toEqual(synqError(error));
    });

    it.each(['ADMIN', 'EDITOR', 'VIEWER'] as const)('role %s', async (role) => {
      const response = await call(route, signRs256(own(), claimsFor(admin, { role })));
      if (route.roles.includes(role)) {
        expect(response.status).toBe(route.success);
      } else {
        expect(response.status).toBe(403);
        expect(response.body).toEqual(SYNQ_INSUFFICIENT);
      }
    });

    it('succeeds with the ID token from signup', async () => {
      const response = await call(route, admin.idToken);
      expect(response.status).toBe(route.success);
    });
  });

  it('the matrix covers every protected /api/v1 route the app serves (from its OpenAPI document)', async () => {
    const document = (await t.http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const served = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/v1/') && !path.startsWith('/api/v1/auth/'))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    expect(ROUTES.map(label).sort()).toEqual(served.sort());
  });

  it('the bearer rule is strict: a tab, trailing text or a lower-case scheme with two spaces', async () => {
    for (const header of [`Bearer\t${admin.idToken}`, `Bearer ${admin.idToken} x`, `Bearer ${admin.idToken},${admin.idToken}`]) {
      const response = await t.http.get('/api/v1/products').set('Authorization', header);
      expect(response.status).toBe(401);
      expect(response.body).toEqual(SYNQ_UNAUTHORIZED);
    }
    await t.http.get('/api/v1/products').set('Authorization', `bearer  ${admin.idToken}`).expect(200);
  });

  it('an ID token presented to /v1 is refused there', async () => {
    const response = await t.http.get('/v1/tools').set(asBearer(admin.idToken));
    expect(response.status).toBe(401);
    expect(response.body).toEqual(UNAUTHORIZED);
  });

  describe('the external identity provider', () => {
    const externalClaims = (overrides: Record<string, unknown> = {}) =>
      claimsFor(admin, { iss: EXTERNAL_ISSUER, aud: EXTERNAL_AUDIENCE, tenantid: 'ext-tenant', org_id: 'ext-org', role: 'VIEWER', ...overrides });

    it('its tokens verify against its JWKS, scoped to their own (empty) tenant', async () => {
      const response = await t.http.get('/api/v1/products').set(asBearer(signRs256(external, externalClaims())));
      expect(response.status).toBe(200);
      expect(response.body).toEqual([]);
    });

    it.each([
      [{ tenantid: undefined }, 'Forbidden: Missing tenantid claim'],
      [{ org_id: undefined }, 'Forbidden: Missing org_id claim'],
      [{ role: undefined }, 'Forbidden: Missing role claim'],
      [{ tenantid: undefined, org_id: undefined, role: undefined }, 'Forbidden: Missing tenantid claim'],
    ])('a token lacking a claim gets the matching 403 (%j)', async (overrides, error) => {
      const response = await t.http.get('/api/v1/products').set(asBearer(signRs256(external, externalClaims(overrides))));
      expect(response.status).toBe(403);
      expect(response.body).toEqual(synqError(error));
    });

    it.each([
      ['our audience', { aud: 'synq-api' }],
      ['a key of ours', undefined],
    ])('401 for %s', async (_name, overrides) => {
      const token = overrides ? signRs256(external, externalClaims(overrides)) : signRs256(own(), externalClaims());
      const response = await t.http.get('/api/v1/products').set(asBearer(token));
      expect(response.status).toBe(401);
      expect(response.body).toEqual(SYNQ_UNAUTHORIZED);
    });

    it('unknown kids refetch the JWKS at most once per cooldown', async () => {
      // An app of its own, so the first fetch happens here and the count is exact.
      const ownJwks = createFakeJwks(() => [external.jwk]);
      const second = await startApp(database, {
        SYNQ_EXTERNAL_JWKS_URL: `${await ownJwks.start()}/.well-known/jwks.json`,
        SYNQ_EXTERNAL_ISSUER: EXTERNAL_ISSUER,
        SYNQ_EXTERNAL_AUDIENCE: EXTERNAL_AUDIENCE,
        SYNQ_JWKS_REFETCH_COOLDOWN_MS: '60000',
      });
      try {
        for (let i = 0; i < 5; i++) {
          const response = await second.http.get('/api/v1/products').set(asBearer(signRs256(newRsaKey(`unknown-${i}`), externalClaims())));
          expect(response.status).toBe(401);
          expect(response.body).toEqual(SYNQ_UNAUTHORIZED);
        }
        expect(ownJwks.requests).toHaveLength(1);
        // The first fetch brought the provider's real key: its tokens pass without another fetch.
        await second.http.get('/api/v1/products').set(asBearer(signRs256(external, externalClaims()))).expect(200);
        expect(ownJwks.requests).toHaveLength(1);
      } finally {
        await second.close();
        await ownJwks.stop();
      }
    });
  });

  describe('the verified-token cache', () => {
    it('a cached token still gets its claims checked per route', async () => {
      const viewer = signRs256(own(), claimsFor(admin, { role: 'VIEWER' }));
      await t.http.get('/api/v1/products').set(asBearer(viewer)).expect(200);
      const response = await t.http.post('/api/v1/products').set(asBearer(viewer)).send({ title: 'x' });
      expect(response.status).toBe(403);
      expect(response.body).toEqual(SYNQ_INSUFFICIENT);
    });
  });
});
