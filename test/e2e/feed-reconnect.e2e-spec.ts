import { startApp, type TestApp } from '../helpers/app.js';
import { describeOn } from '../helpers/database.js';
import { UNAUTHORIZED } from '../helpers/fixtures.js';
import { startPrivatePostgres, type PrivatePostgres } from '../helpers/private-postgres.js';
import { registerUser } from '../helpers/syncello.js';
import { asBearer } from '../helpers/tokens.js';
import type { ChangeFeed } from '../../src/database/database.js';
import { UserKeyCache } from '../../src/auth/user-key.cache.js';
import { SigningKeyService } from '../../src/auth/signing-key.service.js';
import { TokenRevocationsService } from '../../src/auth/token-revocations.service.js';
import { addMember, signup, SYNQ_UNAUTHORIZED } from '../helpers/synq.js';

/**
 * The change feed across a reconnect, on a PostgreSQL of the test's own. Instance B's feed
 * is cut (its LISTEN backend terminated, its role unable to log in again, so the feed stays
 * down while B's pool keeps its open connections). B reads the key while the feed is down;
 * A regenerates it; B cannot hear it. Once B's feed is back, B must refuse the old key and
 * accept the new one: what it read while deaf was not kept.
 */
const onPostgres = describeOn('postgres');

onPostgres('change feeds across a reconnect (private PostgreSQL)', () => {
  let server: PrivatePostgres;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    server = await startPrivatePostgres();
    await server.query('CREATE DATABASE syncello');
    await server.query('CREATE ROLE instance_b LOGIN SUPERUSER');
    a = await startApp({ kind: 'postgres', url: server.url('syncello'), drop: async () => undefined });
    b = await startApp({ kind: 'postgres', url: server.url('syncello', 'instance_b'), drop: async () => undefined });
  }, 60_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await server?.stop();
  });

  const feedOf = (app: TestApp, service: abstract new (...args: never[]) => object): ChangeFeed => (app.app.get(service as never) as unknown as { feed: ChangeFeed }).feed;

  async function until(what: string, check: () => boolean | Promise<boolean>, limitMs = 10_000): Promise<void> {
    const started = Date.now();
    while (!(await check())) {
      if (Date.now() - started > limitMs) throw new Error(`${what}: not within ${limitMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Cuts B's feed and keeps it down until `restore` is called. */
  async function cutFeedOfB(): Promise<{ restore(): Promise<void> }> {
    await server.query('ALTER ROLE instance_b NOLOGIN');
    const killed = await server.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where usename = 'instance_b' and query ilike 'LISTEN %'",
    );
    expect(killed.rowCount).toBe(1);
    await until('B notices its feed dropped', () => !feedOf(b, UserKeyCache).live);
    return {
      async restore() {
        await server.query('ALTER ROLE instance_b LOGIN');
        await until(
          'B listens again',
          () => feedOf(b, UserKeyCache).live && feedOf(b, SigningKeyService).live && feedOf(b, TokenRevocationsService).live,
        );
      },
    };
  }

  it('a key regenerated while B was deaf is refused on B once its feed is back', async () => {
    const user = await registerUser(a);
    await b.http.get('/v1/tools').set(asBearer(user.apiKey)).expect(200); // B holds the key

    const feed = await cutFeedOfB();
    // B reads the key again while its feed is down (its pool connections are still open).
    await b.http.get('/v1/tools').set(asBearer(user.apiKey)).expect(200);
    const regenerated = await a.http.post('/v1/account/api-key/regenerate').set(asBearer(user.sessionToken)).expect(200);
    const newKey = regenerated.body.data.apiKey as string;
    await feed.restore();

    const old = await b.http.get('/v1/tools').set(asBearer(user.apiKey));
    expect([old.status, old.body]).toEqual([401, UNAUTHORIZED]);
    expect((await b.http.get('/v1/tools').set(asBearer(newKey))).status).toBe(200);
  });

  it('a signing key rotated while B was deaf is published by B once its feed is back', async () => {
    const kids = async (app: TestApp) => ((await app.http.get('/.well-known/jwks.json').expect(200)).body.keys as Array<{ kid: string }>).map((k) => k.kid);
    const before = await kids(b);

    const feed = await cutFeedOfB();
    // Let B's reload on the drop finish before the rotation, so only the reconnect can bring it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const rotated = await a.app.get(SigningKeyService).rotate();
    await feed.restore();

    await until('B publishes the rotated key', async () => (await kids(b)).includes(rotated), 2_000);
    expect(await kids(b)).toEqual(expect.arrayContaining([...before, rotated]));
  });

  it('a member removed while B was deaf is refused on B once its feed is back', async () => {
    const admin = await signup(a);
    const viewer = await addMember(a, admin, 'VIEWER');
    await b.http.get('/api/v1/products').set(asBearer(viewer.idToken)).expect(200);

    const feed = await cutFeedOfB();
    // Let B's reload on the drop finish before the removal, so only the reconnect can bring it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await a.http.delete(`/api/v1/organization/members/${viewer.uid}`).set(asBearer(admin.idToken)).expect(204);
    await b.http.get('/api/v1/products').set(asBearer(viewer.idToken)).expect(200); // B has not heard it
    await feed.restore();

    const refused = async () => (await b.http.get('/api/v1/products').set(asBearer(viewer.idToken))).status === 401;
    await until('B refuses the removed member', refused, 2_000);
    const response = await b.http.get('/api/v1/products').set(asBearer(viewer.idToken));
    expect([response.status, response.body]).toEqual([401, SYNQ_UNAUTHORIZED]);
  });
});
