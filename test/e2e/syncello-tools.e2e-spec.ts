import { startApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { FORBIDDEN, syncelloError, UNAUTHORIZED } from '../helpers/fixtures.js';
import { ADMIN_ENV, connectTape, registerUser, setRole, type TestUser } from '../helpers/syncello.js';
import { asBearer } from '../helpers/tokens.js';
import type { FakeServer } from '../fakes/fake-server.js';
import { createFakeTape, TAPE_API_KEY } from '../fakes/fake-tape.server.js';

const PLATFORM_TIMEOUT_MS = 400;

describe('Syncello tools: Tape', () => {
  let database: TestDatabase;
  let tape: FakeServer;
  let t: TestApp;
  let member: TestUser;
  let viewer: TestUser;
  let unconnected: TestUser;

  const run = (user: TestUser, tool: string, body?: object, query = '') => {
    const call = t.http.post(`/v1/tools/tape/${tool}${query}`).set(asBearer(user.apiKey));
    return body === undefined ? call : call.send(body);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    tape = createFakeTape();
    const tapeUrl = await tape.start();
    t = await startApp(database, { ...ADMIN_ENV, TAPE_API_URL: `${tapeUrl}/v1`, PLATFORM_TIMEOUT_MS: String(PLATFORM_TIMEOUT_MS) });
    member = await registerUser(t);
    viewer = await registerUser(t);
    unconnected = await registerUser(t);
    await connectTape(t, member, TAPE_API_KEY);
    await connectTape(t, viewer, TAPE_API_KEY);
    await setRole(t, viewer.id, 'viewer');
  });

  afterEach(() => tape.reset());

  afterAll(async () => {
    await t.close();
    await tape.stop();
    await database.drop();
  });

  describe('every tool, end to end', () => {
    it('listWorkspaces: text, then json', async () => {
      const text = await run(member, 'listWorkspaces');
      expect(text.status).toBe(200);
      expect(text.body).toEqual({ success: true, data: 'Found 2 workspaces:\n1. Operations (ID: 12345)\n2. Sales (ID: 12346)' });
      const json = await run(member, 'listWorkspaces', {}, '?format=json');
      expect(json.body).toEqual({
        success: true,
        data: { workspaces: [{ id: 12345, name: 'Operations', description: 'Ops' }, { id: 12346, name: 'Sales', description: null }] },
      });
      expect(tape.requests[0]).toMatchObject({ method: 'GET', path: '/v1/workspace/org' });
      expect(tape.requests[0]!.headers.authorization).toBe(`Bearer ${TAPE_API_KEY}`);
    });

    it('listApps: the contract’s text, json and base64 forms', async () => {
      const text = await run(member, 'listApps', { workspace_id: 12345 });
      expect(text.status).toBe(200);
      const summary = 'Found 2 apps in workspace 12345:\n1. Contacts (ID: 1001)\n2. Projects (ID: 1002)';
      expect(text.body).toEqual({ success: true, data: summary });

      const json = await run(member, 'listApps', { workspace_id: 12345 }, '?format=json');
      const apps = {
        apps: [
          { id: 1001, name: 'Contacts', description: 'People we work with' },
          { id: 1002, name: 'Projects', description: 'Ongoing work' },
        ],
      };
      expect(json.body).toEqual({ success: true, data: apps });

      const b64 = await run(member, 'listApps', { workspace_id: 12345 }, '?base64=true');
      expect(b64.body).toEqual({ success: true, data: Buffer.from(summary).toString('base64') });
      const b64json = await run(member, 'listApps', { workspace_id: 12345 }, '?format=json&base64=true');
      expect(b64json.body).toEqual({ success: true, data: Buffer.from(JSON.stringify(apps)).toString('base64') });
      expect(tape.requests.map((r) => r.path)).toEqual(Array(4).fill('/v1/app/workspace/12345'));
    });

    it('getApp', async () => {
      const response = await run(member, 'getApp', { app_id: 1001 }, '?format=json');
      expect(response.body).toEqual({
        success: true,
        data: {
          app: {
            id: 1001,
            name: 'Contacts',
            description: 'People we work with',
            workspace_id: 12345,
            fields: [
              { id: 1, external_id: 'name', label: 'Name', type: 'single_text' },
              { id: 2, external_id: 'email', label: 'Email', type: 'email' },
            ],
          },
        },
      });
      const text = await run(member, 'getApp', { app_id: 1001 });
      expect(text.body.data).toBe('App Contacts (ID: 1001) in workspace 12345 has 2 fields:\n1. Name (single_text, ID: 1)\n2. Email (email, ID: 2)');
    });

    it('listRecords pages with limit and cursor', async () => {
      const first = await run(member, 'listRecords', { app_id: 1001, limit: 2 }, '?format=json');
      expect(first.status).toBe(200);
      const data = first.body.data as { records: unknown[]; total: number; cursor: string };
      expect(data.records).toEqual([
        { id: 5001, title: 'Ada', created_on: '2026-01-02 10:00:00' },
        { id: 5002, title: 'Grace', created_on: '2026-01-02 10:00:00' },
      ]);
      expect(data.total).toBe(3);
      expect(tape.requests[0]).toMatchObject({ path: '/v1/record/app/1001', query: { limit: '2' } });

      const second = await run(member, 'listRecords', { app_id: 1001, limit: 2, cursor: data.cursor });
      expect(second.body).toEqual({ success: true, data: 'Found 3 records in app 1001 (showing 1):\n1. Linus (ID: 5003)' });
      expect(tape.requests[1]!.query).toEqual({ limit: '2', cursor: data.cursor });
    });

    it('getRecord', async () => {
      const response = await run(member, 'getRecord', { record_id: 5001 });
      expect(response.body).toEqual({ success: true, data: 'Record Ada (ID: 5001):\n- Name: Ada\n- Email: ada@example.com' });
    });

    it('createRecord sends { fields } and answers the new record', async () => {
      const response = await run(member, 'createRecord', { app_id: 1001, fields: { name: 'Barbara' } }, '?format=json');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ success: true, data: { record: { id: 6000, title: 'Barbara', created_on: '2026-01-02 10:00:00' } } });
      expect(tape.requests[0]).toMatchObject({ method: 'POST', path: '/v1/record/app/1001', body: { fields: { name: 'Barbara' } } });
    });

    it('updateRecord sends PUT /record/{id}', async () => {
      const response = await run(member, 'updateRecord', { record_id: 5002, fields: { name: 'Grace H.' } });
      expect(response.body).toEqual({ success: true, data: 'Updated record Grace H. (ID: 5002)' });
      expect(tape.requests[0]).toMatchObject({ method: 'PUT', path: '/v1/record/5002', body: { fields: { name: 'Grace H.' } } });
    });
  });

  describe('GET /v1/tools', () => {
    it('lists every tool with platform, writes and input schema', async () => {
      const response = await t.http.get('/v1/tools').set(asBearer(viewer.apiKey));
      expect(response.status).toBe(200);
      const tools = (response.body as { data: { tools: Array<{ platform: string; name: string; writes: boolean; inputSchema: object }> } }).data.tools;
      expect(tools.filter((x) => x.platform === 'tape').map((x) => [x.name, x.writes])).toEqual([
        ['listWorkspaces', false],
        ['listApps', false],
        ['getApp', false],
        ['listRecords', false],
        ['getRecord', false],
        ['createRecord', true],
        ['updateRecord', true],
      ]);
      expect(tools.find((x) => x.name === 'listApps')!.inputSchema).toEqual({
        type: 'object',
        properties: { workspace_id: { type: 'integer', exclusiveMinimum: 0, maximum: 9007199254740991 } },
        required: ['workspace_id'],
        additionalProperties: false,
      });
    });
  });

  describe('order of checks', () => {
    it('401 before anything else, even for an unknown tool', async () => {
      const response = await t.http.post('/v1/tools/nope/nothing').send({ x: 1 });
      expect(response.status).toBe(401);
      expect(response.body).toEqual(UNAUTHORIZED);
    });

    it('404 for an unknown platform or tool, before role and connection', async () => {
      const platform = await run(unconnected, 'x').set(asBearer(viewer.apiKey));
      expect(platform.status).toBe(404);
      const noPlatform = await t.http.post('/v1/tools/trello/listApps').set(asBearer(viewer.apiKey)).send({});
      expect(noPlatform.status).toBe(404);
      expect(noPlatform.body).toEqual(syncelloError('NOT_FOUND', 'Unknown platform "trello"; expected one of: tape, podio, sharefile'));
      const noTool = await t.http.post('/v1/tools/tape/deleteEverything').set(asBearer(unconnected.apiKey)).send({ junk: true });
      expect(noTool.status).toBe(404);
      expect(noTool.body).toEqual(syncelloError('NOT_FOUND', 'Unknown tool "tape/deleteEverything"; GET /v1/tools lists them'));
    });

    it('403 for a viewer on a write tool, before the input is checked', async () => {
      for (const [tool, body] of [['createRecord', { app_id: 1001, fields: { name: 'X' } }], ['updateRecord', { bad: 1 }]] as const) {
        const response = await run(viewer, tool, body);
        expect(response.status).toBe(403);
        expect(response.body).toEqual(FORBIDDEN);
      }
      expect(tape.requests).toHaveLength(0);
    });

    it('a viewer may run read tools', async () => {
      const response = await run(viewer, 'listApps', { workspace_id: 12345 });
      expect(response.status).toBe(200);
    });

    it('403 when the platform is not connected, before the input is checked', async () => {
      const response = await run(unconnected, 'listApps', { workspace_id: 'nope' });
      expect(response.status).toBe(403);
      expect(response.body).toEqual(FORBIDDEN);
    });

    it.each([
      ['a missing workspace_id', {}, 'workspace_id: is required'],
      ['a string workspace_id', { workspace_id: '12345' }, 'workspace_id: workspace_id must be a positive number; workspace_id: workspace_id must be an integer number'],
      ['a negative workspace_id', { workspace_id: -1 }, 'workspace_id: workspace_id must be a positive number'],
      ['an unknown field', { workspace_id: 12345, extra: true }, 'extra: is not allowed'],
    ])('400 for %s', async (_name, body, message) => {
      const response = await run(member, 'listApps', body);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject(syncelloError('VALIDATION_ERROR', message));
      expect(tape.requests).toHaveLength(0);
    });

    it('400 for ids beyond 2^53 - 1 (1e21 would reach Tape as /app/workspace/1e+21)', async () => {
      const message = (field: string) => `${field} must be a safe integer (at most 9007199254740991)`;
      const workspace = await run(member, 'listApps', { workspace_id: 1e21 });
      expect([workspace.status, workspace.body]).toEqual([
        400,
        { success: false, error: { code: 'VALIDATION_ERROR', message: `workspace_id: ${message('workspace_id')}`, details: [{ field: 'workspace_id', message: message('workspace_id') }] } },
      ]);
      const record = await run(member, 'getRecord', { record_id: 2 ** 53 });
      expect([record.status, record.body]).toEqual([
        400,
        { success: false, error: { code: 'VALIDATION_ERROR', message: `record_id: ${message('record_id')}`, details: [{ field: 'record_id', message: message('record_id') }] } },
      ]);
      const safest = await run(member, 'listApps', { workspace_id: Number.MAX_SAFE_INTEGER });
      expect(safest.status).not.toBe(400);
      expect(tape.requests.at(-1)?.path).toContain(`/app/workspace/${Number.MAX_SAFE_INTEGER}`);
    });

    it('400 with details per field', async () => {
      const response = await run(member, 'listApps', { workspace_id: 1.5, extra: 1 });
      expect(response.body).toEqual({
        success: false,
        error: {
          code: 'VALIDATION_ERROR',
          message: 'extra: is not allowed; workspace_id: workspace_id must be an integer number',
          details: [
            { field: 'extra', message: 'is not allowed' },
            { field: 'workspace_id', message: 'workspace_id must be an integer number' },
          ],
        },
      });
    });

    it('400 for a body that is not an object, and for an unknown format', async () => {
      const array = await run(member, 'listApps', [1, 2]);
      expect(array.status).toBe(400);
      expect(array.body).toEqual(syncelloError('VALIDATION_ERROR', 'Request body must be a JSON object'));
      const format = await run(member, 'listApps', { workspace_id: 12345 }, '?format=xml');
      expect(format.status).toBe(400);
      expect(format.body).toEqual({
        success: false,
        error: { code: 'VALIDATION_ERROR', message: 'format: must be "text" or "json"', details: [{ field: 'format', message: 'must be "text" or "json"' }] },
      });
    });
  });

  describe('platform failures', () => {
    it('a platform 404 is 404 NOT_FOUND', async () => {
      const response = await run(member, 'getRecord', { record_id: 999 });
      expect(response.status).toBe(404);
      expect(response.body).toEqual(syncelloError('NOT_FOUND', 'Tape: the requested resource was not found'));
    });

    it('a platform 400 is 400 VALIDATION_ERROR with its message, filtered', async () => {
      const response = await run(member, 'createRecord', { app_id: 1001, fields: { title: 'no name' } });
      expect(response.status).toBe(400);
      expect(response.body).toEqual(syncelloError('VALIDATION_ERROR', 'Tape rejected the request: Field "name" is required'));

      tape.failNext({ status: 400, body: { message: `bad\u0000\u001b[31m ${'x'.repeat(500)}` } });
      const noisy = await run(member, 'listWorkspaces');
      expect(noisy.status).toBe(400);
      expect(noisy.body.error.message).toBe(`Tape rejected the request: ${`bad [31m ${'x'.repeat(500)}`.slice(0, 200)}…`);
    });

    it('a platform 429 is 429 RATE_LIMITED with its Retry-After', async () => {
      tape.failNext({ status: 429, body: { error: 'rate_limited' }, headers: { 'Retry-After': '17' } });
      const response = await run(member, 'listWorkspaces');
      expect(response.status).toBe(429);
      expect(response.headers['retry-after']).toBe('17');
      expect(response.body).toEqual(syncelloError('RATE_LIMITED', 'Tape rate limit reached; retry later'));
    });

    it('a platform 429 without Retry-After still carries one', async () => {
      tape.failNext({ status: 429 });
      const response = await run(member, 'listWorkspaces');
      expect(response.status).toBe(429);
      expect(response.headers['retry-after']).toBe('60');
    });

    it.each([500, 502, 503])('a platform %i is 502 UPSTREAM_ERROR, its text never passed through', async (status) => {
      tape.failNext({ status, body: { message: 'java.lang.NullPointerException at db.internal:42' } });
      const response = await run(member, 'listWorkspaces');
      expect(response.status).toBe(502);
      expect(response.body).toEqual(syncelloError('UPSTREAM_ERROR', `Tape failed (HTTP ${status})`));
    });

    it.each([401, 403])('a platform %i (credentials rejected) is 502 telling to reconnect', async (status) => {
      tape.failNext({ status });
      const response = await run(member, 'listWorkspaces');
      expect(response.status).toBe(502);
      expect(response.body).toEqual(syncelloError('UPSTREAM_ERROR', 'Tape rejected the stored credentials; reconnect Tape'));
    });

    it('stored credentials the platform does not know are 502 as well', async () => {
      const stale = await registerUser(t);
      await connectTape(t, stale, 'revoked-key');
      const response = await run(stale, 'listWorkspaces');
      expect(response.status).toBe(502);
      expect(response.body).toEqual(syncelloError('UPSTREAM_ERROR', 'Tape rejected the stored credentials; reconnect Tape'));
    });

    it('a platform slower than PLATFORM_TIMEOUT_MS is 504 UPSTREAM_TIMEOUT', async () => {
      tape.failNext({ status: 200, body: { workspaces: [] }, delayMs: PLATFORM_TIMEOUT_MS + 400 });
      const response = await run(member, 'listWorkspaces');
      expect(response.status).toBe(504);
      expect(response.body).toEqual(syncelloError('UPSTREAM_TIMEOUT', `Tape did not answer within ${PLATFORM_TIMEOUT_MS} ms`));
    });

    it('a 2xx that is not JSON, or not the documented shape, is 502', async () => {
      tape.failNext({ status: 200, body: '<html>maintenance</html>' }, { status: 200, body: { unexpected: true } });
      for (let i = 0; i < 2; i++) {
        const response = await run(member, 'listWorkspaces');
        expect(response.status).toBe(502);
        expect(response.body).toEqual(syncelloError('UPSTREAM_ERROR', 'Tape sent a response that could not be read'));
      }
    });
  });

  describe('usage', () => {
    it('counts every execution, successful or failed, but not refused calls', async () => {
      const user = await registerUser(t);
      await connectTape(t, user, TAPE_API_KEY);
      await run(user, 'listApps', { workspace_id: 12345 }).expect(200);
      await run(user, 'listApps', { workspace_id: 12345 }).expect(200);
      tape.failNext({ status: 503 });
      await run(user, 'listApps', { workspace_id: 12345 }).expect(502);
      await run(user, 'getApp', { app_id: 424242 }).expect(404);
      await run(user, 'listApps', { workspace_id: 'x' }).expect(400); // refused before running
      await run(user, 'nope', {}).expect(404); // no such tool

      const response = await t.http.get('/v1/account/usage').set(asBearer(user.sessionToken));
      expect(response.status).toBe(200);
      const today = new Date().toISOString().slice(0, 10);
      const data = response.body.data as { lastUsedAt: string; usage: Array<Record<string, unknown>> };
      expect(data.usage).toEqual([
        { day: today, platform: 'tape', tool: 'getApp', calls: 1, errors: 1, lastUsedAt: expect.any(String) },
        { day: today, platform: 'tape', tool: 'listApps', calls: 3, errors: 1, lastUsedAt: expect.any(String) },
      ]);
      expect(Date.parse(data.lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);
    });
  });
});
