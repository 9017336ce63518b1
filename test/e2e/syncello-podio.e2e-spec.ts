import { startApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase, testDbKind, type TestDatabase } from '../helpers/database.js';
import { FORBIDDEN, syncelloError } from '../helpers/fixtures.js';
import { ADMIN_ENV, registerUser, setRole, type TestUser } from '../helpers/syncello.js';
import { asBearer } from '../helpers/tokens.js';
import type { FakeServer } from '../fakes/fake-server.js';
import { OAUTH_CLIENT, type FakeOAuth } from '../fakes/fake-oauth.js';
import { createFakePodio } from '../fakes/fake-podio.server.js';

const RECONNECT = syncelloError('UPSTREAM_ERROR', 'Podio rejected the stored credentials; reconnect Podio');
const REFRESH_FAILED = syncelloError('UPSTREAM_ERROR', 'Podio rejected the stored credentials and renewing them failed; reconnect Podio');

describe('Syncello tools: Podio', () => {
  let database: TestDatabase;
  let podio: FakeServer;
  let oauth: FakeOAuth;
  let t: TestApp;
  let user: TestUser;
  let podioUrl: string;

  const run = (tool: string, body: object = {}, query = '', who: TestUser = user) =>
    t.http.post(`/v1/tools/podio/${tool}${query}`).set(asBearer(who.apiKey)).send(body);
  const connect = (who: TestUser, credentials: object) =>
    t.http.put('/v1/account/connections/podio').set(asBearer(who.sessionToken)).send(credentials).expect(200);

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ server: podio, oauth } = createFakePodio());
    podioUrl = await podio.start();
    t = await startApp(database, {
      ...ADMIN_ENV,
      PODIO_API_URL: podioUrl,
      PODIO_CLIENT_ID: OAUTH_CLIENT.id,
      PODIO_CLIENT_SECRET: OAUTH_CLIENT.secret,
      PLATFORM_TIMEOUT_MS: '500',
    });
    user = await registerUser(t);
  });

  beforeEach(async () => {
    podio.reset();
    oauth.failWith = undefined;
    oauth.revoked = false;
    oauth.delayMs = 0;
    await connect(user, { accessToken: oauth.accessToken, refreshToken: oauth.refreshToken });
  });

  afterAll(async () => {
    await t.close();
    await podio.stop();
    await database.drop();
  });

  describe('every tool, end to end', () => {
    it('listApps: the contract’s structured form, OAuth2 header, trailing slash', async () => {
      const json = await run('listApps', { space_id: 2001 }, '?format=json');
      expect(json.status).toBe(200);
      expect(json.body).toEqual({ success: true, data: { apps: [{ id: 1001, name: 'Leads', description: 'Sales leads' }, { id: 1002, name: 'Deals', description: null }] } });
      expect(podio.requests[0]).toMatchObject({ method: 'GET', path: '/app/space/2001/' });
      expect(podio.requests[0]!.headers.authorization).toBe(`OAuth2 ${oauth.accessToken}`);
      const text = await run('listApps', { space_id: 2001 });
      expect(text.body).toEqual({ success: true, data: 'Found 2 apps in space 2001:\n1. Leads (ID: 1001)\n2. Deals (ID: 1002)' });
    });

    it('getApp', async () => {
      const response = await run('getApp', { app_id: 1001 }, '?format=json');
      expect(response.body).toEqual({
        success: true,
        data: { app: { id: 1001, name: 'Leads', description: 'Sales leads', fields: [{ id: 11, external_id: 'title', label: 'Title', type: 'text' }] } },
      });
      expect((await run('getApp', { app_id: 1001 })).body.data).toBe('App Leads (ID: 1001) has 1 fields:\n1. Title (text, ID: 11)');
    });

    it('getItem', async () => {
      const response = await run('getItem', { item_id: 3001 });
      expect(response.body).toEqual({ success: true, data: 'Item Acme (ID: 3001):\n- Title: Acme' });
      const json = await run('getItem', { item_id: 3001 }, '?format=json');
      expect(json.body.data).toEqual({ item: { id: 3001, title: 'Acme', app_id: 1001, fields: [{ id: 11, external_id: 'title', label: 'Title', values: ['Acme'] }] } });
    });

    it('filterItems posts { filters, limit, offset }', async () => {
      const response = await run('filterItems', { app_id: 1001, filters: { title: 'A' }, limit: 1, offset: 1 }, '?format=json');
      expect(response.body).toEqual({ success: true, data: { items: [{ id: 3002, title: 'Globex' }], total: 2, filtered: 2 } });
      expect(podio.requests[0]).toMatchObject({ method: 'POST', path: '/item/app/1001/filter/', body: { filters: { title: 'A' }, limit: 1, offset: 1 } });
      expect((await run('filterItems', { app_id: 1001 })).body.data).toBe('Found 2 items in app 1001 (showing 2):\n1. Acme (ID: 3001)\n2. Globex (ID: 3002)');
    });

    it('createItem posts { fields }; a Podio 400 is 400 with its message', async () => {
      const response = await run('createItem', { app_id: 1001, fields: { title: 'Initech' } });
      expect(response.body).toEqual({ success: true, data: 'Created item Initech (ID: 4000) in app 1001' });
      expect(podio.requests[0]).toMatchObject({ method: 'POST', path: '/item/app/1001/', body: { fields: { title: 'Initech' } } });
      const bad = await run('createItem', { app_id: 1001, fields: { other: 1 } });
      expect(bad.status).toBe(400);
      expect(bad.body).toEqual(syncelloError('VALIDATION_ERROR', 'Podio rejected the request: Invalid value for field "title"'));
    });
  });

  describe('input and roles', () => {
    it('400 for unknown fields and bad ids', async () => {
      const extra = await run('listApps', { space_id: 2001, workspace_id: 1 });
      expect(extra.status).toBe(400);
      expect(extra.body).toEqual({ success: false, error: { code: 'VALIDATION_ERROR', message: 'workspace_id: is not allowed', details: [{ field: 'workspace_id', message: 'is not allowed' }] } });
      const missing = await run('getItem', {});
      expect(missing.body).toEqual({ success: false, error: { code: 'VALIDATION_ERROR', message: 'item_id: is required', details: [{ field: 'item_id', message: 'is required' }] } });
    });

    it('400 for ids and offsets beyond 2^53 - 1, before anything reaches Podio', async () => {
      const unsafe = (field: string) => ({
        success: false,
        error: { code: 'VALIDATION_ERROR', message: `${field}: ${field} must be a safe integer (at most 9007199254740991)`, details: [{ field, message: `${field} must be a safe integer (at most 9007199254740991)` }] },
      });
      const before = podio.requests.length;
      const space = await run('listApps', { space_id: 1e21 });
      expect([space.status, space.body]).toEqual([400, unsafe('space_id')]);
      const item = await run('getItem', { item_id: 2 ** 53 });
      expect([item.status, item.body]).toEqual([400, unsafe('item_id')]);
      const offset = await run('filterItems', { app_id: 1001, offset: 1e300 });
      expect([offset.status, offset.body]).toEqual([400, unsafe('offset')]);
      expect(podio.requests.length).toBe(before);
    });

    it('403 for a viewer on createItem, and when Podio is not connected', async () => {
      const viewer = await registerUser(t);
      await connect(viewer, { accessToken: oauth.accessToken });
      await setRole(t, viewer.id, 'viewer');
      const write = await run('createItem', { app_id: 1001, fields: { title: 'x' } }, '', viewer);
      expect(write.status).toBe(403);
      expect(write.body).toEqual(FORBIDDEN);
      const stranger = await registerUser(t);
      const unconnected = await run('listApps', { space_id: 2001 }, '', stranger);
      expect(unconnected.status).toBe(403);
      expect(unconnected.body).toEqual(FORBIDDEN);
    });
  });

  describe('platform errors', () => {
    it.each([
      [{ status: 404 }, 404, syncelloError('NOT_FOUND', 'Podio: the requested resource was not found')],
      [{ status: 429, headers: { 'Retry-After': '30' } }, 429, syncelloError('RATE_LIMITED', 'Podio rate limit reached; retry later')],
      [{ status: 403 }, 502, RECONNECT],
      [{ status: 500, body: { error: 'internal', error_description: 'stack trace here' } }, 502, syncelloError('UPSTREAM_ERROR', 'Podio failed (HTTP 500)')],
      [{ status: 200, delayMs: 900 }, 504, syncelloError('UPSTREAM_TIMEOUT', 'Podio did not answer within 500 ms')],
    ])('%j → %i', async (failure, status, body) => {
      podio.failNext(failure);
      const response = await run('listApps', { space_id: 2001 });
      expect(response.status).toBe(status);
      expect(response.body).toEqual(body);
      if (status === 429) expect(response.headers['retry-after']).toBe('30');
    });
  });

  describe('OAuth refresh', () => {
    it('an expired access token is refreshed once, stored, and the call retried', async () => {
      oauth.expireAccessToken();
      const response = await run('listApps', { space_id: 2001 }, '?format=json');
      expect(response.status).toBe(200);
      expect(oauth.grants).toBeGreaterThanOrEqual(1);
      const calls = podio.requests.map((r) => `${r.method} ${r.path}`);
      expect(calls).toEqual(['GET /app/space/2001/', 'POST /oauth/token/v2', 'GET /app/space/2001/']);
      expect(podio.requests[1]!.body).toEqual({ grant_type: 'refresh_token', refresh_token: expect.stringMatching(/^podio-refresh-/), client_id: OAUTH_CLIENT.id, client_secret: OAUTH_CLIENT.secret });
      expect(podio.requests[2]!.headers.authorization).toBe(`OAuth2 ${oauth.accessToken}`);

      // The new tokens were stored: the next call uses them without refreshing.
      podio.reset();
      await run('listApps', { space_id: 2001 }).expect(200);
      expect(podio.requests.map((r) => r.path)).toEqual(['/app/space/2001/']);
    });

    it('concurrent calls on an expired token share one refresh', async () => {
      oauth.expireAccessToken();
      oauth.delayMs = 150;
      const grantsBefore = oauth.grants;
      const responses = await Promise.all(Array.from({ length: 5 }, () => run('getApp', { app_id: 1001 })));
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect(oauth.grants - grantsBefore).toBe(1);
      expect(podio.requests.filter((r) => r.path === '/oauth/token/v2')).toHaveLength(1);
    });

    (testDbKind() === 'postgres' ? it : it.skip)('two instances on one database share one refresh too', async () => {
      const second = await startApp(database, { PODIO_API_URL: podioUrl, PODIO_CLIENT_ID: OAUTH_CLIENT.id, PODIO_CLIENT_SECRET: OAUTH_CLIENT.secret });
      try {
        oauth.expireAccessToken();
        oauth.delayMs = 200;
        const grantsBefore = oauth.grants;
        const call = (app: TestApp) => app.http.post('/v1/tools/podio/getApp').set(asBearer(user.apiKey)).send({ app_id: 1001 });
        const responses = await Promise.all([call(t), call(second), call(t), call(second)]);
        expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
        expect(oauth.grants - grantsBefore).toBe(1);
      } finally {
        await second.close();
      }
    });

    it('a refused refresh is 502 telling to reconnect, and is not retried', async () => {
      oauth.expireAccessToken();
      oauth.failWith = 400;
      const response = await run('listApps', { space_id: 2001 });
      expect(response.status).toBe(502);
      expect(response.body).toEqual(REFRESH_FAILED);
      expect(podio.requests.map((r) => r.path)).toEqual(['/app/space/2001/', '/oauth/token/v2']);
    });

    it('without a refresh token a 401 is 502 telling to reconnect', async () => {
      await connect(user, { accessToken: 'podio-access-revoked' });
      const response = await run('listApps', { space_id: 2001 });
      expect(response.status).toBe(502);
      expect(response.body).toEqual(RECONNECT);
      expect(podio.requests.map((r) => r.path)).toEqual(['/app/space/2001/']);
    });

    it('a 401 after a successful refresh is not refreshed again', async () => {
      oauth.expireAccessToken();
      oauth.revoked = true;
      const response = await run('listApps', { space_id: 2001 });
      expect(response.status).toBe(502);
      expect(response.body).toEqual(RECONNECT);
      expect(podio.requests.map((r) => r.path)).toEqual(['/app/space/2001/', '/oauth/token/v2', '/app/space/2001/']);
    });
  });
});
