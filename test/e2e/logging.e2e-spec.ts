import { randomUUID } from 'node:crypto';
import { startApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { connectTape, login, PASSWORD, registerUser } from '../helpers/syncello.js';
import { asBearer, tamper } from '../helpers/tokens.js';
import type { FakeServer } from '../fakes/fake-server.js';
import { createFakeTape, TAPE_API_KEY } from '../fakes/fake-tape.server.js';

describe('logs', () => {
  let database: TestDatabase;
  let tape: FakeServer;
  let t: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    tape = createFakeTape();
    t = await startApp(database, { TAPE_API_URL: `${await tape.start()}/v1`, LOG_LEVEL: 'debug' });
  });

  afterAll(async () => {
    await t.close();
    await tape.stop();
    await database.drop();
  });

  it('are JSON lines with a request id, and never contain a secret', async () => {
    const user = await registerUser(t);
    const session = await login(t, user.email, PASSWORD);
    await connectTape(t, user, TAPE_API_KEY);
    const regenerated = await t.http.post('/v1/account/api-key/regenerate').set(asBearer(session)).expect(200);
    const apiKey = regenerated.body.data.apiKey as string;
    await t.http.post('/v1/tools/tape/listApps').set(asBearer(apiKey)).send({ workspace_id: 12345 }).expect(200);
    tape.failNext({ status: 500, body: { message: `echo ${TAPE_API_KEY}` } });
    await t.http.post('/v1/tools/tape/listApps').set(asBearer(apiKey)).send({ workspace_id: 12345 }).expect(502);
    await t.http.get(`/v1/tools?token=${apiKey}`).expect(401);
    await t.http.get('/v1/tools').set(asBearer(tamper(apiKey, { sub: randomUUID() }))).expect(401);
    await t.http.post('/v1/auth/login').send({ email: user.email, password: 'wrong but secret pw' }).expect(401);
    await t.http.post('/v1/auth/login').set('Content-Type', 'application/json').send(`{"password":"${PASSWORD}",`).expect(400);

    const lines = t.logs.join('').trim().split('\n');
    for (const line of lines) expect(line.match(/"reqId"/g)?.length ?? 0).toBeLessThanOrEqual(1);
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = parsed.filter((l) => l.msg === 'request completed');
    expect(requests.length).toBeGreaterThanOrEqual(8);
    for (const line of requests) expect(line).toEqual({ level: 'info', time: expect.any(String), reqId: expect.any(String), method: expect.any(String), path: expect.any(String), status: expect.any(Number), ms: expect.any(Number), msg: 'request completed' });

    const text = t.logs.join('');
    for (const secret of [PASSWORD, 'wrong but secret pw', user.apiKey, apiKey, session, user.sessionToken, TAPE_API_KEY, apiKey.split('.')[2]!]) {
      expect(text.includes(secret) ? secret : 'absent').toBe('absent');
    }
  });
});
