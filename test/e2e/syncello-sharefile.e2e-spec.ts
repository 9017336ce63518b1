import { startApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { FORBIDDEN, syncelloError } from '../helpers/fixtures.js';
import { ADMIN_ENV, registerUser, setRole, type TestUser } from '../helpers/syncello.js';
import { asBearer } from '../helpers/tokens.js';
import type { FakeServer } from '../fakes/fake-server.js';
import { OAUTH_CLIENT, type FakeOAuth } from '../fakes/fake-oauth.js';
import { createFakeShareFile } from '../fakes/fake-sharefile.server.js';

describe('Syncello tools: ShareFile', () => {
  let database: TestDatabase;
  let sharefile: FakeServer;
  let oauth: FakeOAuth;
  let t: TestApp;
  let user: TestUser;

  const run = (tool: string, body: object = {}, query = '', who: TestUser = user) =>
    t.http.post(`/v1/tools/sharefile/${tool}${query}`).set(asBearer(who.apiKey)).send(body);
  const connect = (who: TestUser, credentials: object) =>
    t.http.put('/v1/account/connections/sharefile').set(asBearer(who.sessionToken)).send(credentials).expect(200);

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ server: sharefile, oauth } = createFakeShareFile());
    const base = await sharefile.start();
    t = await startApp(database, {
      ...ADMIN_ENV,
      SHAREFILE_API_URL: `${base}/sf/v3`,
      SHAREFILE_TOKEN_URL: `${base}/oauth/token`,
      SHAREFILE_CLIENT_ID: OAUTH_CLIENT.id,
      SHAREFILE_CLIENT_SECRET: OAUTH_CLIENT.secret,
    });
    user = await registerUser(t);
  });

  beforeEach(async () => {
    sharefile.reset();
    oauth.failWith = undefined;
    oauth.revoked = false;
    await connect(user, { subdomain: 'acme', accessToken: oauth.accessToken, refreshToken: oauth.refreshToken });
  });

  afterAll(async () => {
    await t.close();
    await sharefile.stop();
    await database.drop();
  });

  it('listItems: the home folder by default, OData $top/$skip, one line per item', async () => {
    const text = await run('listItems');
    expect(text.status).toBe(200);
    expect(text.body).toEqual({
      success: true,
      data: 'Found 3 items in folder home:\n1. Reports (folder, ID: fo1)\n2. notes.txt (file, 12 bytes, ID: fi2)\n3. Shared (folder, ID: fo2)',
    });
    expect(sharefile.requests[0]).toMatchObject({ method: 'GET', path: '/sf/v3/Items(home)/Children', query: { $top: '100', $skip: '0' } });
    expect(sharefile.requests[0]!.headers.authorization).toBe(`Bearer ${oauth.accessToken}`);

    const page = await run('listItems', { limit: 2 }, '?format=json');
    expect(page.body).toEqual({
      success: true,
      data: {
        items: [
          { id: 'fo1', name: 'Reports', type: 'folder', size: null, created_at: '2026-01-01T00:00:00Z' },
          { id: 'fi2', name: 'notes.txt', type: 'file', size: 12, created_at: '2026-01-02T00:00:00Z' },
        ],
        next_offset: 2,
      },
    });
    const rest = await run('listItems', { folder_id: 'home', limit: 2, offset: 2 });
    expect(rest.body.data).toBe('Found 1 items in folder home:\n1. Shared (folder, ID: fo2)');
  });

  it('getItem and getItemByPath', async () => {
    const item = await run('getItem', { item_id: 'fi1' }, '?format=json');
    expect(item.body).toEqual({ success: true, data: { item: { id: 'fi1', name: 'q3.pdf', type: 'file', size: 2048, created_at: '2026-01-02T00:00:00Z' } } });
    expect(sharefile.requests[0]!.path).toBe('/sf/v3/Items(fi1)');
    const byPath = await run('getItemByPath', { path: '/Reports/q3.pdf' });
    expect(byPath.body).toEqual({ success: true, data: '/Reports/q3.pdf: q3.pdf (file, 2048 bytes, ID: fi1)' });
    expect(sharefile.requests[1]).toMatchObject({ path: '/sf/v3/Items/ByPath', query: { path: '/Reports/q3.pdf' } });
  });

  it('createFolder posts { Name }; a duplicate name is 400 with ShareFile’s message', async () => {
    const created = await run('createFolder', { parent_id: 'fo1', name: 'Q4' });
    expect(created.body).toEqual({ success: true, data: 'Created Q4 (folder, ID: fo10) in folder fo1' });
    expect(sharefile.requests[0]).toMatchObject({ method: 'POST', path: '/sf/v3/Items(fo1)/Folder', body: { Name: 'Q4' } });
    const again = await run('createFolder', { parent_id: 'fo1', name: 'Q4' });
    expect(again.status).toBe(400);
    expect(again.body).toEqual(syncelloError('VALIDATION_ERROR', 'ShareFile rejected the request: An item with this name already exists'));
  });

  it('a ShareFile 404 (OData error body) is 404', async () => {
    const response = await run('getItem', { item_id: 'nope' });
    expect(response.status).toBe(404);
    expect(response.body).toEqual(syncelloError('NOT_FOUND', 'ShareFile: the requested resource was not found'));
  });

  it.each([
    ['an id with a path separator', 'getItem', { item_id: '../Users' }, 'item_id: must be a ShareFile item id (letters, digits, "-" or "_")'],
    ['an id with parentheses', 'listItems', { folder_id: 'fo1)/Children(' }, 'folder_id: must be a ShareFile item id (letters, digits, "-" or "_")'],
    ['a relative path', 'getItemByPath', { path: 'Reports' }, 'path: must start with "/"'],
    ['a folder name with a slash', 'createFolder', { parent_id: 'fo1', name: 'a/b' }, 'name: must not contain \\ / : * ? " < > |'],
  ])('400 for %s, before anything reaches ShareFile', async (_name, tool, body, message) => {
    const response = await run(tool, body);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(message);
    expect(sharefile.requests).toHaveLength(0);
  });

  it('400 for an offset beyond 2^53 - 1, before anything reaches ShareFile', async () => {
    const before = sharefile.requests.length;
    const response = await run('listItems', { offset: 1e21 });
    const message = 'offset must be a safe integer (at most 9007199254740991)';
    expect([response.status, response.body]).toEqual([400, { success: false, error: { code: 'VALIDATION_ERROR', message: `offset: ${message}`, details: [{ field: 'offset', message }] } }]);
    expect(sharefile.requests.length).toBe(before);
  });

  it('403 for a viewer on createFolder', async () => {
    const viewer = await registerUser(t);
    await connect(viewer, { subdomain: 'acme', accessToken: oauth.accessToken });
    await setRole(t, viewer.id, 'viewer');
    const response = await run('createFolder', { parent_id: 'fo1', name: 'x' }, '', viewer);
    expect(response.status).toBe(403);
    expect(response.body).toEqual(FORBIDDEN);
  });

  it('a 5xx and a 429 are mapped', async () => {
    sharefile.failNext({ status: 503, body: { code: 'ServiceUnavailable', message: { lang: 'en-US', value: 'internal detail' } } });
    const down = await run('listItems');
    expect(down.status).toBe(502);
    expect(down.body).toEqual(syncelloError('UPSTREAM_ERROR', 'ShareFile failed (HTTP 503)'));
    sharefile.failNext({ status: 429, headers: { 'Retry-After': '5' } });
    const limited = await run('listItems');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('5');
  });

  it('an expired access token is refreshed at the token endpoint and the call retried', async () => {
    oauth.expireAccessToken();
    const response = await run('getItem', { item_id: 'fo1' });
    expect(response.status).toBe(200);
    expect(sharefile.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /sf/v3/Items(fo1)', 'POST /oauth/token', 'GET /sf/v3/Items(fo1)']);
    expect(sharefile.requests[1]!.body).toMatchObject({ grant_type: 'refresh_token', client_id: OAUTH_CLIENT.id });
  });

  it('a failed refresh is 502 with "reconnect"', async () => {
    oauth.expireAccessToken();
    oauth.failWith = 500;
    const response = await run('listItems');
    expect(response.status).toBe(502);
    expect(response.body).toEqual(syncelloError('UPSTREAM_ERROR', 'ShareFile rejected the stored credentials and renewing them failed; reconnect ShareFile'));
  });

  it('GET /v1/tools lists every tool of the three platforms with its input schema', async () => {
    const response = await t.http.get('/v1/tools').set(asBearer(user.apiKey));
    const tools = response.body.data.tools as Array<{ platform: string; name: string; writes: boolean; inputSchema: { properties: object } }>;
    expect(tools.map((x) => `${x.platform}/${x.name}${x.writes ? ' (writes)' : ''}`)).toEqual([
      'tape/listWorkspaces', 'tape/listApps', 'tape/getApp', 'tape/listRecords', 'tape/getRecord', 'tape/createRecord (writes)', 'tape/updateRecord (writes)',
      'podio/listApps', 'podio/getApp', 'podio/getItem', 'podio/filterItems', 'podio/createItem (writes)',
      'sharefile/listItems', 'sharefile/getItem', 'sharefile/getItemByPath', 'sharefile/createFolder (writes)',
    ]);
    expect(tools.find((x) => x.platform === 'podio' && x.name === 'createItem')!.inputSchema).toEqual({
      type: 'object',
      properties: { app_id: { type: 'integer', exclusiveMinimum: 0, maximum: 9007199254740991 }, fields: { type: 'object' } },
      required: expect.arrayContaining(['app_id', 'fields']),
      additionalProperties: false,
    });
    expect(Object.keys(tools.find((x) => x.name === 'listItems')!.inputSchema.properties).sort()).toEqual(['folder_id', 'limit', 'offset']);
  });
});
