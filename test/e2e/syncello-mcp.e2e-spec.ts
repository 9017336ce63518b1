import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { AddressInfo } from 'node:net';
import { startApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { FORBIDDEN, UNAUTHORIZED } from '../helpers/fixtures.js';
import { ADMIN_ENV, connectTape, registerUser, setRole, type TestUser } from '../helpers/syncello.js';
import { asBearer } from '../helpers/tokens.js';
import { fakePlatformsEnv, type FakeOAuth } from '../fakes/fake-oauth.js';
import { createFakePodio } from '../fakes/fake-podio.server.js';
import type { FakeServer } from '../fakes/fake-server.js';
import { createFakeShareFile } from '../fakes/fake-sharefile.server.js';
import { createFakeTape, TAPE_API_KEY } from '../fakes/fake-tape.server.js';

const TAPE_READS = ['tape_listWorkspaces', 'tape_listApps', 'tape_getApp', 'tape_listRecords', 'tape_getRecord'];
const TAPE_TOOLS = [...TAPE_READS, 'tape_createRecord', 'tape_updateRecord'];
const LIST_APPS_TEXT = 'Found 2 apps in workspace 12345:\n1. Contacts (ID: 1001)\n2. Projects (ID: 1002)';
const LIST_APPS_DATA = {
  apps: [
    { id: 1001, name: 'Contacts', description: 'People we work with' },
    { id: 1002, name: 'Projects', description: 'Ongoing work' },
  ],
};
/** What the SDK client sends; the transport requires both. */
const ACCEPT = 'application/json, text/event-stream';

interface ToolResult {
  content: Array<{ type: string; text: string }>;
  structuredContent?: unknown;
  isError?: boolean;
}

describe('Syncello tools over MCP (POST /v1/mcp)', () => {
  let database: TestDatabase;
  let tape: FakeServer;
  let podio: FakeServer;
  let podioOAuth: FakeOAuth;
  let sharefile: FakeServer;
  let sharefileOAuth: FakeOAuth;
  let t: TestApp;
  let base: string;
  /** Tape connected. */
  let member: TestUser;
  /** Tape connected, role viewer. */
  let viewer: TestUser;
  /** Tape, Podio and ShareFile connected. */
  let everything: TestUser;
  let unconnected: TestUser;
  const clients: Client[] = [];

  /** The SDK's own client, connected (initialize + initialized) with `token` as the bearer. */
  async function connect(token: string): Promise<Client> {
    const client = new Client({ name: 'syncello-e2e', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL('/v1/mcp', base), { requestInit: { headers: asBearer(token) } });
    clients.push(client);
    await client.connect(transport);
    return client;
  }

  const call = async (client: Client, name: string, args: Record<string, unknown> = {}) => (await client.callTool({ name, arguments: args })) as ToolResult;
  const rest = (user: TestUser, platform: string, tool: string, body: object, query = '') =>
    t.http.post(`/v1/tools/${platform}/${tool}${query}`).set(asBearer(user.apiKey)).send(body);

  /** A raw POST /v1/mcp, headers exactly as given. */
  const post = (body: string, headers: Record<string, string>) => fetch(`${base}/v1/mcp`, { method: 'POST', body, headers });
  const rpc = (user: TestUser, message: unknown) =>
    post(JSON.stringify(message), { ...asBearer(user.apiKey), 'Content-Type': 'application/json', Accept: ACCEPT });

  beforeAll(async () => {
    database = await createTestDatabase();
    tape = createFakeTape();
    ({ server: podio, oauth: podioOAuth } = createFakePodio());
    ({ server: sharefile, oauth: sharefileOAuth } = createFakeShareFile());
    const [tapeUrl, podioUrl, sharefileUrl] = await Promise.all([tape.start(), podio.start(), sharefile.start()]);
    t = await startApp(database, {
      ...ADMIN_ENV,
      ...fakePlatformsEnv({ tape: tapeUrl!, podio: podioUrl!, sharefile: sharefileUrl! }),
      PLATFORM_TIMEOUT_MS: '500',
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;

    [member, viewer, everything, unconnected] = await Promise.all([registerUser(t), registerUser(t), registerUser(t), registerUser(t)]);
    await connectTape(t, member, TAPE_API_KEY);
    await connectTape(t, viewer, TAPE_API_KEY);
    await setRole(t, viewer.id, 'viewer');
    await connectTape(t, everything, TAPE_API_KEY);
    await t.http.put('/v1/account/connections/podio').set(asBearer(everything.sessionToken)).send({ accessToken: podioOAuth.accessToken, refreshToken: podioOAuth.refreshToken }).expect(200);
    await t.http
      .put('/v1/account/connections/sharefile')
      .set(asBearer(everything.sessionToken))
      .send({ subdomain: 'acme', accessToken: sharefileOAuth.accessToken, refreshToken: sharefileOAuth.refreshToken })
      .expect(200);
  });

  afterEach(async () => {
    tape.reset();
    podio.reset();
    sharefile.reset();
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });

  afterAll(async () => {
    await t.close();
    await Promise.all([tape.stop(), podio.stop(), sharefile.stop()]);
    await database.drop();
  });

  describe('with the SDK client', () => {
    it('initialize: the server name, version, the tools capability and instructions', async () => {
      const client = await connect(member.apiKey);
      expect(client.getServerVersion()).toEqual({ name: 'syncello', title: 'Syncello', version: '1.0.0' });
      expect(client.getServerCapabilities()).toEqual({ tools: { listChanged: false } });
      expect(client.getInstructions()).toContain('<platform>_<tool>');
      await expect(client.ping()).resolves.toEqual({});
    });

    it('tools/list: a member with Tape connected sees Tape’s tools only, with the REST input schemas', async () => {
      const client = await connect(member.apiKey);
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(TAPE_TOOLS);

      const rest = (await t.http.get('/v1/tools').set(asBearer(member.apiKey)).expect(200)).body as {
        data: { tools: Array<{ platform: string; name: string; inputSchema: unknown }> };
      };
      for (const tool of tools) {
        const same = rest.data.tools.find((r) => `${r.platform}_${r.name}` === tool.name)!;
        expect([tool.name, tool.inputSchema]).toEqual([tool.name, same.inputSchema]);
      }
      expect(tools.find((tool) => tool.name === 'tape_listApps')).toEqual({
        name: 'tape_listApps',
        title: 'Tape: List apps',
        description: 'List the apps of a Tape workspace',
        inputSchema: rest.data.tools.find((r) => r.name === 'listApps' && r.platform === 'tape')!.inputSchema,
        annotations: { title: 'Tape: List apps', readOnlyHint: true, openWorldHint: true },
      });
      const annotations = Object.fromEntries(tools.map((tool) => [tool.name, tool.annotations]));
      expect(annotations.tape_createRecord).toEqual({ title: 'Tape: Create record', readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true });
      expect(annotations.tape_updateRecord).toEqual({ title: 'Tape: Update record', readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true });
      for (const name of TAPE_READS) expect([name, annotations[name]!.readOnlyHint]).toEqual([name, true]);
    });

    it('tools/list: a viewer sees no write tool; nothing connected lists nothing; everything connected lists all 16', async () => {
      expect((await (await connect(viewer.apiKey)).listTools()).tools.map((tool) => tool.name)).toEqual(TAPE_READS);
      expect((await (await connect(unconnected.apiKey)).listTools()).tools).toEqual([]);
      const all = (await (await connect(everything.apiKey)).listTools()).tools.map((tool) => tool.name);
      expect(all).toHaveLength(16);
      expect(all).toEqual(expect.arrayContaining(['podio_listApps', 'podio_createItem', 'sharefile_listItems', 'sharefile_createFolder']));
    });

    it('tools/call tape_listApps: the REST text as content, the REST ?format=json data as structuredContent', async () => {
      const client = await connect(member.apiKey);
      const result = await call(client, 'tape_listApps', { workspace_id: 12345 });
      expect(result).toEqual({ content: [{ type: 'text', text: LIST_APPS_TEXT }], structuredContent: LIST_APPS_DATA });

      const text = await rest(member, 'tape', 'listApps', { workspace_id: 12345 });
      const json = await rest(member, 'tape', 'listApps', { workspace_id: 12345 }, '?format=json');
      expect(result.content[0]!.text).toBe(text.body.data);
      expect(result.structuredContent).toEqual(json.body.data);
      expect(tape.requests.map((r) => r.path)).toEqual(Array(3).fill('/v1/app/workspace/12345'));
    });

    it('tools/call podio_listApps and sharefile_listItems: the same as their REST routes', async () => {
      const client = await connect(everything.apiKey);
      for (const [platform, tool, input] of [
        ['podio', 'listApps', { space_id: 2001 }],
        ['sharefile', 'listItems', {}],
      ] as const) {
        const result = await call(client, `${platform}_${tool}`, input);
        const text = await rest(everything, platform, tool, input);
        const json = await rest(everything, platform, tool, input, '?format=json');
        expect([tool, text.status, json.status]).toEqual([tool, 200, 200]);
        expect(result).toEqual({ content: [{ type: 'text', text: text.body.data }], structuredContent: json.body.data });
      }
      expect(podio.requests.map((r) => r.path)).toEqual(Array(3).fill('/app/space/2001/'));
      expect(sharefile.requests.map((r) => r.path)).toEqual(Array(3).fill('/sf/v3/Items(home)/Children'));
    });

    it('tools/call a write tool: tape_createRecord creates the record', async () => {
      const client = await connect(member.apiKey);
      const result = await call(client, 'tape_createRecord', { app_id: 1001, fields: { name: 'Barbara' } });
      expect(result).toEqual({
        content: [{ type: 'text', text: expect.stringMatching(/^Created record Barbara \(ID: \d+\) in app 1001$/) }],
        structuredContent: { record: { id: expect.any(Number), title: 'Barbara', created_on: '2026-01-02 10:00:00' } },
      });
      expect(tape.requests).toHaveLength(1);
      expect(tape.requests[0]).toMatchObject({ method: 'POST', path: '/v1/record/app/1001', body: { fields: { name: 'Barbara' } } });
    });

    it('a platform error is an isError result with the REST message (404, 500, 400)', async () => {
      const client = await connect(member.apiKey);
      const cases: Array<[string, Record<string, unknown>, (() => void) | undefined]> = [
        ['listApps', { workspace_id: 999 }, undefined],
        ['listApps', { workspace_id: 12345 }, () => tape.failNext({ status: 500, body: { error: 'boom at line 12' } })],
        ['createRecord', { app_id: 1001, fields: { nickname: 'x' } }, undefined],
      ];
      for (const [tool, input, arrange] of cases) {
        arrange?.();
        const result = await call(client, `tape_${tool}`, input);
        arrange?.();
        const expected = await rest(member, 'tape', tool, input);
        expect([tool, expected.status >= 400]).toEqual([tool, true]);
        expect([tool, result]).toEqual([tool, { content: [{ type: 'text', text: expected.body.error.message }], isError: true }]);
      }
      // The exact messages, once: no platform text passes through unfiltered.
      tape.failNext({ status: 500, body: { error: 'boom at line 12' } });
      expect((await call(client, 'tape_listApps', { workspace_id: 12345 })).content[0]!.text).toBe('Tape failed (HTTP 500)');
    });

    it('an invalid input is an isError result with the REST validation message', async () => {
      const client = await connect(member.apiKey);
      for (const input of [{}, { workspace_id: -1 }, { workspace_id: 12345, extra: true }]) {
        const result = await call(client, 'tape_listApps', input);
        const expected = await rest(member, 'tape', 'listApps', input);
        expect(expected.status).toBe(400);
        expect(result).toEqual({ content: [{ type: 'text', text: expected.body.error.message }], isError: true });
      }
      expect((await call(client, 'tape_listApps', {})).content[0]!.text).toBe('workspace_id: is required');
      expect(tape.requests).toEqual([]);
    });

    it('role and connection refusals are isError results with the REST 403 message; an unknown tool is -32602', async () => {
      const asViewer = await connect(viewer.apiKey);
      expect(await call(asViewer, 'tape_createRecord', { app_id: 1001, fields: { name: 'X' } })).toEqual({
        content: [{ type: 'text', text: FORBIDDEN.error.message }],
        isError: true,
      });
      const asMember = await connect(member.apiKey);
      expect(await call(asMember, 'podio_listApps', { space_id: 2001 })).toEqual({ content: [{ type: 'text', text: FORBIDDEN.error.message }], isError: true });
      await expect(call(asMember, 'tape_nope', {})).rejects.toMatchObject({ code: -32602, message: 'MCP error -32602: Unknown tool "tape_nope"; tools/list names the tools you can run' });
      await expect(call(asMember, 'tape/listApps', {})).rejects.toMatchObject({ code: -32602 });
      expect(tape.requests).toEqual([]);
    });

    it('a key regenerated mid-session is refused at once (401); the new key works', async () => {
      const user = await registerUser(t);
      await connectTape(t, user, TAPE_API_KEY);
      const client = await connect(user.apiKey);
      expect((await client.listTools()).tools).toHaveLength(7);

      const regenerated = await t.http.post('/v1/account/api-key/regenerate').set(asBearer(user.sessionToken)).expect(200);
      await expect(client.listTools()).rejects.toMatchObject({ code: 401, message: `Streamable HTTP error: Error POSTing to endpoint: ${JSON.stringify(UNAUTHORIZED)}` });
      await expect(call(client, 'tape_listApps', { workspace_id: 12345 })).rejects.toMatchObject({ code: 401 });
      expect(tape.requests).toEqual([]);

      const fresh = await connect((regenerated.body as { data: { apiKey: string } }).data.apiKey);
      expect((await fresh.listTools()).tools).toHaveLength(7);
    });

    it('a dashboard session token is not an API key here either', async () => {
      await expect(connect(member.sessionToken)).rejects.toMatchObject({ code: 401, message: `Streamable HTTP error: Error POSTing to endpoint: ${JSON.stringify(UNAUTHORIZED)}` });
    });

    it('usage counts MCP calls the same as REST calls (calls and errors per tool)', async () => {
      const user = await registerUser(t);
      await connectTape(t, user, TAPE_API_KEY);
      const client = await connect(user.apiKey);
      await call(client, 'tape_listApps', { workspace_id: 12345 });
      tape.failNext({ status: 500 });
      await call(client, 'tape_listApps', { workspace_id: 12345 });
      // Refused before running (invalid input): not an execution, as over REST.
      await call(client, 'tape_listApps', {});
      await client.listTools();
      const usage = async () => (await t.http.get('/v1/account/usage').set(asBearer(user.sessionToken)).expect(200)).body.data as { usage: unknown[] };
      const today = new Date().toISOString().slice(0, 10);
      expect((await usage()).usage).toEqual([{ day: today, platform: 'tape', tool: 'listApps', calls: 2, errors: 1, lastUsedAt: expect.any(String) }]);

      // The same calls over REST add exactly as much.
      await rest(user, 'tape', 'listApps', { workspace_id: 12345 }).expect(200);
      tape.failNext({ status: 500 });
      await rest(user, 'tape', 'listApps', { workspace_id: 12345 }).expect(502);
      await rest(user, 'tape', 'listApps', {}).expect(400);
      expect((await usage()).usage).toEqual([{ day: today, platform: 'tape', tool: 'listApps', calls: 4, errors: 2, lastUsedAt: expect.any(String) }]);
    });
  });

  describe('raw HTTP', () => {
    const LIST = { jsonrpc: '2.0', id: 1, method: 'tools/list' };

    it('401 without a valid API key: the Syncello body and WWW-Authenticate: Bearer', async () => {
      const tokens: Array<Record<string, string>> = [{}, { Authorization: 'Bearer nope' }, asBearer(member.sessionToken), { Authorization: `Basic ${member.apiKey}` }];
      for (const auth of tokens) {
        const response = await post(JSON.stringify(LIST), { ...auth, 'Content-Type': 'application/json', Accept: ACCEPT });
        expect([response.status, response.headers.get('www-authenticate'), await response.json()]).toEqual([401, 'Bearer', UNAUTHORIZED]);
        expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      }
    });

    it('tools/list and tools/call over plain HTTP: bare JSON-RPC (no Syncello envelope)', async () => {
      const list = await rpc(member, LIST);
      expect(list.status).toBe(200);
      expect(list.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(list.headers.get('x-request-id')).toEqual(expect.any(String));
      expect(list.headers.get('mcp-session-id')).toBeNull();
      const listed = (await list.json()) as { jsonrpc: string; id: number; result: { tools: Array<{ name: string }> } };
      expect([listed.jsonrpc, listed.id, listed.result.tools.map((tool) => tool.name)]).toEqual(['2.0', 1, TAPE_TOOLS]);

      const called = await rpc(member, { jsonrpc: '2.0', id: 'a', method: 'tools/call', params: { name: 'tape_listApps', arguments: { workspace_id: 12345 } } });
      expect(called.status).toBe(200);
      expect(await called.json()).toEqual({ jsonrpc: '2.0', id: 'a', result: { content: [{ type: 'text', text: LIST_APPS_TEXT }], structuredContent: LIST_APPS_DATA } });
    });

    it('-32700 for a body that is not JSON (with or without a key), never the Syncello 400', async () => {
      const parseError = { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error: the body is not valid JSON' } };
      for (const [body, auth] of [
        ['{"jsonrpc":"2.0",', asBearer(member.apiKey)],
        ['{"jsonrpc":"2.0",', {}],
        ['', asBearer(member.apiKey)],
      ] as const) {
        const response = await post(body, { ...auth, 'Content-Type': 'application/json', Accept: ACCEPT });
        expect([body, response.status, await response.json()]).toEqual([body, 400, parseError]);
        expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      }
    });

    it('-32600 for JSON that is not a JSON-RPC message', async () => {
      for (const message of [{ id: 1, method: 'tools/list' }, { jsonrpc: '1.0', id: 1, method: 'tools/list' }, [], 42, 'tools/list', null, [LIST, { nope: true }]]) {
        const response = await rpc(member, message);
        expect([message, response.status, await response.json()]).toEqual([
          message,
          400,
          { jsonrpc: '2.0', id: null, error: { code: -32600, message: message instanceof Array && message.length === 0 ? 'Invalid Request: empty batch' : 'Invalid Request: not a JSON-RPC 2.0 message' } },
        ]);
      }
    });

    it('-32601 for an unknown method; -32602 for an unknown tool or a call without a name', async () => {
      const unknown = await rpc(member, { jsonrpc: '2.0', id: 7, method: 'resources/list' });
      expect([unknown.status, await unknown.json()]).toEqual([200, { jsonrpc: '2.0', id: 7, error: { code: -32601, message: 'Method not found' } }]);

      const noTool = await rpc(member, { jsonrpc: '2.0', id: 8, method: 'tools/call', params: { name: 'tape_nope', arguments: {} } });
      expect([noTool.status, await noTool.json()]).toEqual([
        200,
        { jsonrpc: '2.0', id: 8, error: { code: -32602, message: 'Unknown tool "tape_nope"; tools/list names the tools you can run' } },
      ]);

      for (const params of [{}, { name: 42 }, { name: 'tape_listApps', arguments: 'x' }]) {
        const invalid = await rpc(member, { jsonrpc: '2.0', id: 9, method: 'tools/call', params });
        const body = (await invalid.json()) as { id: number; error: { code: number; message: string } };
        expect([params, invalid.status, body.id, body.error.code, body.error.message]).toEqual([params, 200, 9, -32602, expect.stringMatching(/^MCP error -32602: Invalid tools\/call request: /)]);
      }
      const pagedList = await rpc(member, { jsonrpc: '2.0', id: 10, method: 'tools/list', params: { cursor: 5 } });
      expect(((await pagedList.json()) as { result: { tools: unknown[] } }).result.tools).toHaveLength(7);
    });

    it('a batch is answered in request order; a notification in it gets no answer', async () => {
      const batch = await rpc(member, [
        { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'tape_listApps', arguments: { workspace_id: 12345 } } },
        { jsonrpc: '2.0', method: 'notifications/initialized' },
        { jsonrpc: '2.0', id: 'p', method: 'ping' },
      ]);
      expect([batch.status, await batch.json()]).toEqual([
        200,
        [
          { jsonrpc: '2.0', id: 2, result: { content: [{ type: 'text', text: LIST_APPS_TEXT }], structuredContent: LIST_APPS_DATA } },
          { jsonrpc: '2.0', id: 'p', result: {} },
        ],
      ]);
    });

    it('a notification alone is 202 without a body; an unsupported protocol version is 400 -32000', async () => {
      const notification = await rpc(member, { jsonrpc: '2.0', method: 'notifications/initialized' });
      expect([notification.status, await notification.text()]).toEqual([202, '']);

      const version = await post(JSON.stringify(LIST), { ...asBearer(member.apiKey), 'Content-Type': 'application/json', Accept: ACCEPT, 'MCP-Protocol-Version': '1999-01-01' });
      expect(version.status).toBe(400);
      expect(((await version.json()) as { error: { code: number } }).error.code).toBe(-32000);
    });

    it('HTTP-level refusals keep their shapes: 406 without the MCP Accept header, 415 for another content type', async () => {
      const accept = await post(JSON.stringify(LIST), { ...asBearer(member.apiKey), 'Content-Type': 'application/json', Accept: 'application/json' });
      expect([accept.status, await accept.json()]).toEqual([
        406,
        { jsonrpc: '2.0', id: null, error: { code: -32000, message: 'Not Acceptable: Client must accept both application/json and text/event-stream' } },
      ]);
      const type = await post(JSON.stringify(LIST), { ...asBearer(member.apiKey), 'Content-Type': 'text/plain', Accept: ACCEPT });
      expect([type.status, await type.json()]).toEqual([415, { success: false, error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Content-Type must be application/json' } }]);
    });

    it('GET and DELETE: 405 with Allow: POST (stateless: no event stream, no session)', async () => {
      for (const method of ['GET', 'DELETE']) {
        const response = await fetch(`${base}/v1/mcp`, { method, headers: { ...asBearer(member.apiKey), Accept: 'text/event-stream' } });
        expect([method, response.status, response.headers.get('allow'), await response.json()]).toEqual([
          method,
          405,
          'POST',
          { success: false, error: { code: 'METHOD_NOT_ALLOWED', message: `Method Not Allowed: ${method} /v1/mcp; MCP requests are POSTed (stateless: no event stream, no session)` } },
        ]);
      }
    });

    it('is documented in the OpenAPI document', async () => {
      const doc = (await t.http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>> };
      const mcp = doc.paths['/v1/mcp']!;
      expect(mcp.post!.security).toEqual([{ 'syncello-api-key': [] }]);
      expect(Object.keys(mcp.post!.responses).sort()).toEqual(['200', '202', '400', '401', '406', '413', '415', '500', '503']);
      expect(Object.keys(mcp.get!.responses)).toContain('405');
    });
  });
});
