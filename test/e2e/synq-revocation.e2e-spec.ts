import { startApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase, describeOn } from '../helpers/database.js';
import { registerUser } from '../helpers/syncello.js';
import {
  CLAIM_REFUSALS,
  forgedIdTokens,
  addMember,
  claimsFor,
  ownSigningKey,
  signRs256,
  signup,
  synqError,
  SYNQ_UNAUTHORIZED,
  type SynqAccount,
} from '../helpers/synq.js';
import { asBearer, claimsOf } from '../helpers/tokens.js';
import { PASSWORD } from '../helpers/syncello.js';

const INVALID_REFRESH = synqError('Unauthorized: Invalid refresh token');

/** Polls until the status is seen, returning how long it took. */
async function until(status: number, call: () => PromiseLike<{ status: number }>, limitMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const response = await call();
    if (response.status === status) return Date.now() - started;
    if (Date.now() - started > limitMs) throw new Error(`still ${response.status} after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('Synq revocation (one instance)', () => {
  let database: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    t = await startApp(database);
  });

  afterAll(async () => {
    await t.close();
    await database.drop();
  });

  const products = (token: string) => t.http.get('/api/v1/products').set(asBearer(token));
  const refresh = (refreshToken: string) => t.http.post('/api/v1/auth/refresh').send({ refreshToken });

  it('a role change refuses every earlier ID token (verified and cached ones too); the refreshed one carries the new role, even in the same second', async () => {
    const admin = await signup(t);
    const editor = await addMember(t, admin, 'EDITOR');
    await products(editor.idToken).expect(200); // now in the verified-token cache
    const second = await t.http.post('/api/v1/auth/login').send({ email: editor.email, password: PASSWORD }).expect(200);

    await t.http.patch(`/api/v1/organization/members/${editor.uid}`).set(asBearer(admin.idToken)).send({ role: 'VIEWER' }).expect(200);
    for (const token of [editor.idToken, second.body.idToken as string]) {
      const refused = await products(token);
      expect(refused.status).toBe(401);
      expect(refused.body).toEqual(SYNQ_UNAUTHORIZED);
    }

    const refreshed = await refresh(editor.refreshToken).expect(200);
    const token = refreshed.body.idToken as string;
    expect(claimsOf(token)).toMatchObject({ role: 'VIEWER', token_version: 1 });
    await products(token).expect(200);
    const forbidden = await t.http.post('/api/v1/products').set(asBearer(token)).send({ title: 'x' });
    expect(forbidden.status).toBe(403);
    // The admin's own tokens are untouched, and setting the same role again revokes nothing.
    await t.http.patch(`/api/v1/organization/members/${editor.uid}`).set(asBearer(admin.idToken)).send({ role: 'VIEWER' }).expect(200);
    await products(token).expect(200);
  });

  it('a removed member: every ID token refused, refresh refused', async () => {
    const admin = await signup(t);
    const editor = await addMember(t, admin, 'EDITOR');
    await products(editor.idToken).expect(200);
    await t.http.delete(`/api/v1/organization/members/${editor.uid}`).set(asBearer(admin.idToken)).expect(204);
    const refused = await products(editor.idToken);
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual(SYNQ_UNAUTHORIZED);
    const refreshRefused = await refresh(editor.refreshToken);
    expect(refreshRefused.status).toBe(401);
    expect(refreshRefused.body).toEqual(INVALID_REFRESH);
    // Even a token minted with a high version (had it leaked a key) would not pass.
    const minted = signRs256(ownSigningKey(t.app), claimsFor(editor, { role: 'EDITOR', token_version: 1_000_000 }));
    expect((await products(minted)).status).toBe(401);
  });

  it('logout-all: 204; every refresh family and every ID token issued so far stop working; a new sign-in works', async () => {
    const account = await signup(t);
    const other = await t.http.post('/api/v1/auth/login').send({ email: account.email, password: PASSWORD }).expect(200);
    await products(account.idToken).expect(200);

    const response = await t.http.post('/api/v1/auth/logout-all').set(asBearer(other.body.idToken as string));
    expect(response.status).toBe(204);
    expect(response.text).toBe('');

    for (const token of [account.idToken, other.body.idToken as string]) expect((await products(token)).status).toBe(401);
    for (const token of [account.refreshToken, other.body.refreshToken as string]) {
      const refused = await refresh(token);
      expect(refused.status).toBe(401);
      expect(refused.body).toEqual(INVALID_REFRESH);
    }
    const again = await t.http.post('/api/v1/auth/login').send({ email: account.email, password: PASSWORD }).expect(200);
    await products(again.body.idToken as string).expect(200);
    await refresh(again.body.refreshToken as string).expect(200);
  });

  it('revocations survive a restart', async () => {
    const admin = await signup(t);
    const editor = await addMember(t, admin, 'EDITOR');
    const removed = await addMember(t, admin, 'VIEWER');
    await t.http.patch(`/api/v1/organization/members/${editor.uid}`).set(asBearer(admin.idToken)).send({ role: 'VIEWER' }).expect(200);
    await t.http.delete(`/api/v1/organization/members/${removed.uid}`).set(asBearer(admin.idToken)).expect(204);
    await t.close();
    t = await startApp(database);
    for (const token of [editor.idToken, removed.idToken]) {
      const refused = await products(token);
      expect(refused.status).toBe(401);
      expect(refused.body).toEqual(SYNQ_UNAUTHORIZED);
    }
    await products(admin.idToken).expect(200);
  });

  describe('POST /api/v1/auth/logout-all: the 401/403 matrix', () => {
    let admin: SynqAccount;
    let other: SynqAccount;
    const own = () => ownSigningKey(t.app);
    const call = (token?: string) => {
      const request = t.http.post('/api/v1/auth/logout-all');
      return token ? request.set(asBearer(token)) : request;
    };

    beforeAll(async () => {
      admin = await signup(t);
      other = await signup(t, 'Other Corp');
    });

    it.each(forgedIdTokens(() => ({ admin, other, key: own() })))('%s → 401', async (_name, token) => {
      const response = await call(token());
      expect(response.status).toBe(401);
      expect(response.body).toEqual(SYNQ_UNAUTHORIZED);
    });

    it('401 for a Syncello API key', async () => {
      const user = await registerUser(t);
      const response = await call(user.apiKey);
      expect(response.status).toBe(401);
      expect(response.body).toEqual(SYNQ_UNAUTHORIZED);
    });

    it.each(CLAIM_REFUSALS)('403 for %s', async (_name, overrides, error) => {
      const response = await call(signRs256(own(), claimsFor(admin, overrides)));
      expect(response.status).toBe(403);
      expect(response.body).toEqual(synqError(error));
      // Refused before anything was revoked.
      await products(admin.idToken).expect(200);
    });

    it.each(['ADMIN', 'EDITOR', 'VIEWER'] as const)('any role: %s → 204, and then that token is refused', async (role) => {
      const owner = await signup(t);
      const member = role === 'ADMIN' ? owner : await addMember(t, owner, role);
      const response = await call(member.idToken);
      expect(response.status).toBe(204);
      expect((await call(member.idToken)).status).toBe(401);
    });
  });
});

/** Two instances on one PostgreSQL: a revocation on one reaches the other through NOTIFY. */
const onPostgres = describeOn('postgres');

onPostgres('Synq revocation across two instances sharing PostgreSQL', () => {
  let database: TestDatabase;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    a = await startApp(database);
    b = await startApp(database);
  });

  afterAll(async () => {
    await a.close();
    await b.close();
    await database.drop();
  });

  it('demoted on A: the old token is 401 on B within a second; the refreshed token carries the new role on B', async () => {
    const admin = await signup(a);
    const editor = await addMember(a, admin, 'EDITOR');
    await b.http.post('/api/v1/products').set(asBearer(editor.idToken)).send({ title: 'cached on B' }).expect(201);

    await a.http.patch(`/api/v1/organization/members/${editor.uid}`).set(asBearer(admin.idToken)).send({ role: 'VIEWER' }).expect(200);
    const elapsed = await until(401, () => b.http.get('/api/v1/products').set(asBearer(editor.idToken)), 1_000);
    expect(elapsed).toBeLessThan(1_000);
    const refused = await b.http.get('/api/v1/products').set(asBearer(editor.idToken));
    expect(refused.body).toEqual(SYNQ_UNAUTHORIZED);

    const refreshed = await b.http.post('/api/v1/auth/refresh').send({ refreshToken: editor.refreshToken }).expect(200);
    const token = refreshed.body.idToken as string;
    expect(claimsOf(token).role).toBe('VIEWER');
    await b.http.get('/api/v1/products').set(asBearer(token)).expect(200);
    const forbidden = await b.http.post('/api/v1/products').set(asBearer(token)).send({ title: 'x' });
    expect(forbidden.status).toBe(403);
  });

  it('removed on A: refused on B within a second, and B refuses the refresh', async () => {
    const admin = await signup(a);
    const viewer = await addMember(a, admin, 'VIEWER');
    await b.http.get('/api/v1/products').set(asBearer(viewer.idToken)).expect(200);
    await a.http.delete(`/api/v1/organization/members/${viewer.uid}`).set(asBearer(admin.idToken)).expect(204);
    expect(await until(401, () => b.http.get('/api/v1/products').set(asBearer(viewer.idToken)), 1_000)).toBeLessThan(1_000);
    const refresh = await b.http.post('/api/v1/auth/refresh').send({ refreshToken: viewer.refreshToken });
    expect(refresh.status).toBe(401);
    expect(refresh.body).toEqual(INVALID_REFRESH);
  });

  it('logout-all on A: refused on B within a second', async () => {
    const account = await signup(a);
    await b.http.get('/api/v1/products').set(asBearer(account.idToken)).expect(200);
    await a.http.post('/api/v1/auth/logout-all').set(asBearer(account.idToken)).expect(204);
    expect(await until(401, () => b.http.get('/api/v1/products').set(asBearer(account.idToken)), 1_000)).toBeLessThan(1_000);
  });

  it('a feed interruption reloads the revocations rather than forgetting them', async () => {
    const admin = await signup(a);
    const editor = await addMember(a, admin, 'EDITOR');
    await a.http.delete(`/api/v1/organization/members/${editor.uid}`).set(asBearer(admin.idToken)).expect(204);
    await until(401, () => b.http.get('/api/v1/products').set(asBearer(editor.idToken)), 1_000);
    // Kill B's LISTEN connection from the server side: B is told to reset, and reloads.
    const { Database } = await import('../../src/database/database.js');
    const killed = await a.app.get(Database).db.execute(
      (await import('drizzle-orm')).sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query like 'LISTEN%' and pid <> pg_backend_pid()`,
    );
    expect((killed as unknown as { rows: unknown[] }).rows).toHaveLength(2); // A's and B's feed connections
    await new Promise((resolve) => setTimeout(resolve, 300));
    const refused = await b.http.get('/api/v1/products').set(asBearer(editor.idToken));
    expect(refused.status).toBe(401);
  });
});
