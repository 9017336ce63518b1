import { startApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase, describeOn } from '../helpers/database.js';
import { UNAUTHORIZED } from '../helpers/fixtures.js';
import { ADMIN, ADMIN_ENV, login, registerUser } from '../helpers/syncello.js';
import { asBearer } from '../helpers/tokens.js';
import { untilStatus } from '../helpers/poll.js';

/** Two instances on one PostgreSQL: a change on one reaches the other's cache through NOTIFY. */
const onPostgres = describeOn('postgres');

onPostgres('two instances sharing PostgreSQL', () => {
  let database: TestDatabase;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    a = await startApp(database, ADMIN_ENV);
    b = await startApp(database, ADMIN_ENV);
  });

  afterAll(async () => {
    await a.close();
    await b.close();
    await database.drop();
  });

  it('a key regenerated on one instance is refused by the other within a second', async () => {
    const user = await registerUser(a);
    // B verifies the key once, so it holds the secret in its cache.
    await b.http.get('/v1/tools').set(asBearer(user.apiKey)).expect(200);

    const regenerated = await a.http.post('/v1/account/api-key/regenerate').set(asBearer(user.sessionToken)).expect(200);
    const elapsed = await untilStatus(401, () => b.http.get('/v1/tools').set(asBearer(user.apiKey)), 1_000);
    expect(elapsed).toBeLessThan(1_000);
    const refused = await b.http.get('/v1/tools').set(asBearer(user.apiKey));
    expect(refused.body).toEqual(UNAUTHORIZED);
    await b.http.get('/v1/tools').set(asBearer(regenerated.body.data.apiKey as string)).expect(200);
  });

  it('a role changed on one instance applies on the other within a second', async () => {
    const user = await registerUser(a);
    await b.http.get('/v1/admin/users').set(asBearer(user.sessionToken)).expect(403);
    const adminSession = await login(a, ADMIN.email, ADMIN.password);
    await a.http.patch(`/v1/admin/users/${user.id}`).set(asBearer(adminSession)).send({ role: 'admin' }).expect(200);
    expect(await untilStatus(200, () => b.http.get('/v1/admin/users').set(asBearer(user.sessionToken)), 1_000)).toBeLessThan(1_000);
  });
});
