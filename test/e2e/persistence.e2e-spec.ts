import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase, testDbKind, type TestDatabase } from '../helpers/database.js';
import { UNAUTHORIZED } from '../helpers/fixtures.js';
import { connectTape, login, PASSWORD, registerUser } from '../helpers/syncello.js';
import { signup } from '../helpers/synq.js';
import { asBearer } from '../helpers/tokens.js';
import type { FakeServer } from '../fakes/fake-server.js';
import { createFakeTape, TAPE_API_KEY } from '../fakes/fake-tape.server.js';

/**
 * A restart keeps users, keys, connections and usage. On the embedded database this is the
 * real default: PGlite files under DATA_DIR and a master key generated there (no SECRETS_KEY).
 */
describe('restart', () => {
  let database: TestDatabase | undefined;
  let dataDir: string;
  let tape: FakeServer;
  let tapeUrl: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'syncello-restart-'));
    tape = createFakeTape();
    tapeUrl = await tape.start();
    // PostgreSQL: a database of this file's own; PGlite: none handed in, the app opens DATA_DIR.
    if (testDbKind() === 'postgres') database = await createTestDatabase();
  });

  afterAll(async () => {
    await tape.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const boot = () =>
    startApp(database ?? { kind: 'pglite', drop: async () => undefined }, {
      DATA_DIR: dataDir,
      SECRETS_KEY: '',
      TAPE_API_URL: `${tapeUrl}/v1`,
    });

  it('keeps users, keys, connections, usage, Synq signing keys and products', async () => {
    let t: TestApp = await boot();
    const user = await registerUser(t);
    const stale = await registerUser(t);
    await connectTape(t, user, TAPE_API_KEY);
    await t.http.post('/v1/tools/tape/listWorkspaces').set(asBearer(user.apiKey)).expect(200);
    await t.http.post('/v1/account/api-key/regenerate').set(asBearer(stale.sessionToken)).expect(200);
    const synq = await signup(t);
    const product = await t.http.post('/api/v1/products').set(asBearer(synq.idToken)).send({ title: 'Survives restarts' }).expect(201);
    await t.close();

    if (testDbKind() === 'pglite') {
      expect(statSync(join(dataDir, 'secrets.key')).mode & 0o777).toBe(0o600);
    }

    t = await boot();
    try {
      await login(t, user.email, PASSWORD);
      const ran = await t.http.post('/v1/tools/tape/listWorkspaces').set(asBearer(user.apiKey));
      expect(ran.status).toBe(200);
      const refused = await t.http.get('/v1/tools').set(asBearer(stale.apiKey));
      expect(refused.status).toBe(401);
      expect(refused.body).toEqual(UNAUTHORIZED);
      const usage = await t.http.get('/v1/account/usage').set(asBearer(user.sessionToken));
      // Synq: the ID token issued before the restart still verifies, the refresh token still rotates.
      const listed = await t.http.get('/api/v1/products').set(asBearer(synq.idToken));
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual([{ id: product.body.id, title: 'Survives restarts', category: null, status: 'ACTIVE', updated_at: product.body.updated_at }]);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: synq.refreshToken }).expect(200);

      expect(usage.body.data.usage).toEqual([
        { day: new Date().toISOString().slice(0, 10), platform: 'tape', tool: 'listWorkspaces', calls: 2, errors: 0, lastUsedAt: expect.any(String) },
      ]);
    } finally {
      await t.close();
    }
  });

  it('counts a tool execution whose caller hung up, when the service stops before the platform answers', async () => {
    let t: TestApp = await boot();
    const user = await registerUser(t);
    await connectTape(t, user, TAPE_API_KEY);
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    tape.reset();
    tape.failNext({ status: 200, body: { total: 0, workspaces: [] }, delayMs: 1_500 });

    // The caller hangs up while the tool waits on Tape, and the service is told to stop.
    const call = httpRequest({ port, host: '127.0.0.1', method: 'POST', path: '/v1/tools/tape/listWorkspaces', headers: { authorization: `Bearer ${user.apiKey}` } });
    call.on('error', () => undefined);
    call.end();
    while (tape.requests.length === 0) await new Promise((r) => setTimeout(r, 20));
    call.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const closing = Date.now();
    await t.close();
    // The close waited for the handler: Tape answers 1.5 s after the call.
    expect(Date.now() - closing).toBeGreaterThan(1_000);

    t = await boot();
    try {
      const usage = await t.http.get('/v1/account/usage').set(asBearer(user.sessionToken));
      expect({ status: usage.status, usage: usage.body.data.usage }).toEqual({
        status: 200,
        usage: [{ day: new Date().toISOString().slice(0, 10), platform: 'tape', tool: 'listWorkspaces', calls: 1, errors: 0, lastUsedAt: expect.any(String) }],
      });
    } finally {
      await t.close();
    }
  });
});
