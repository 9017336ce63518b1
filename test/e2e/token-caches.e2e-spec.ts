import { jest } from '@jest/globals';
import { VerifiedApiKeyCache } from '../../src/auth/api-key.cache.js';
import { IdTokenCache } from '../../src/auth/id-token.cache.js';
import { UserKeyCache } from '../../src/auth/user-key.cache.js';
import { startApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase, describeOn } from '../helpers/database.js';
import { FORBIDDEN, UNAUTHORIZED } from '../helpers/fixtures.js';
import { pollUntil, untilStatus } from '../helpers/poll.js';
import { ADMIN_ENV, connectTape, PASSWORD, registerUser, setRole, type TestUser } from '../helpers/syncello.js';
import { addMember, signup, SYNQ_ISSUER, SYNQ_UNAUTHORIZED, type SynqAccount } from '../helpers/synq.js';
import { asBearer, claimsOf } from '../helpers/tokens.js';
import type { FakeServer } from '../fakes/fake-server.js';
import { createFakeTape, TAPE_API_KEY } from '../fakes/fake-tape.server.js';

/**
 * Issue 10: the verified-token caches in front of both strategies. Each invalidation is
 * proven through the cache: the token is first accepted and seen in the instance's cache
 * (so the next request takes the cached path), then the invalidation happens, then the same
 * token is refused (or gets its new role) on that instance and, on PostgreSQL, on a second
 * instance that had cached it too. A cache that ignored the invalidation would serve the
 * stale entry, and the request would pass.
 */

const LIST_APPS = { success: true, data: 'Found 2 apps in workspace 12345:\n1. Contacts (ID: 1001)\n2. Projects (ID: 1002)' };
const UPDATED = { success: true, data: 'Updated record Grace H. (ID: 5002)' };

const apiKeys = (t: TestApp) => t.app.get(VerifiedApiKeyCache);
const idTokens = (t: TestApp) => t.app.get(IdTokenCache);

/** A read tool (any role). */
const listApps = (t: TestApp, key: string) => t.http.post('/v1/tools/tape/listApps').set(asBearer(key)).send({ workspace_id: 12345 });
/** A write tool (member and admin only). */
const updateRecord = (t: TestApp, key: string) =>
  t.http.post('/v1/tools/tape/updateRecord').set(asBearer(key)).send({ record_id: 5002, fields: { name: 'Grace H.' } });
const products = (t: TestApp, token: string) => t.http.get('/api/v1/products').set(asBearer(token));

const apiKeyPrincipal = (user: TestUser, role: 'member' | 'viewer') => ({ kind: 'api-key', userId: user.id, email: user.email, role });
const verifiedIdToken = (token: string) => ({ kind: 'synq-id-token', issuer: SYNQ_ISSUER, claims: claimsOf(token) });

async function expectStatus(response: PromiseLike<{ status: number; body: unknown }>, status: number, body: unknown): Promise<void> {
  const { status: seen, body: seenBody } = await response;
  expect({ status: seen, body: seenBody }).toEqual({ status, body });
}

/**
 * Makes a change to `userId` on `t` and returns once `t` has also heard it back through its
 * change feed. The instance drops the user's entry when it makes the change, and again when
 * the database's NOTIFY arrives; on PostgreSQL that arrives a little after the response, so a
 * request sent in between caches a fresh entry that the echo then drops (correctly: the
 * cache only keeps what the feed has confirmed). Asserting on the cache before the echo
 * would race it.
 */
async function changeHeardBack(t: TestApp, userId: string, change: () => Promise<unknown>): Promise<void> {
  const invalidate = jest.spyOn(t.app.get(UserKeyCache), 'invalidate');
  try {
    await change();
    await pollUntil(
      async () => invalidate.mock.calls.filter(([id]) => id === userId).length,
      (drops) => drops >= 2,
      { limitMs: 2_000, everyMs: 5, what: 'the change made here and its echo through the feed' },
    );
  } finally {
    invalidate.mockRestore();
  }
}

/** A self-registered user (a member) with Tape connected to the fake. */
async function tapeUser(t: TestApp): Promise<TestUser> {
  const user = await registerUser(t);
  await connectTape(t, user, TAPE_API_KEY);
  return user;
}

/** The Synq revocations of contract section 6, done by (or for) `member` on instance `on`. */
const REVOCATIONS: Array<[string, (on: TestApp, admin: SynqAccount, member: SynqAccount) => Promise<unknown>]> = [
  ['a role change', (on, admin, member) => on.http.patch(`/api/v1/organization/members/${member.uid}`).set(asBearer(admin.idToken)).send({ role: 'VIEWER' }).expect(200)],
  ['removal from the organization', (on, admin, member) => on.http.delete(`/api/v1/organization/members/${member.uid}`).set(asBearer(admin.idToken)).expect(204)],
  [
    'logout-all (called with another of their tokens)',
    async (on, _admin, member) => {
      const other = await on.http.post('/api/v1/auth/login').send({ email: member.email, password: PASSWORD }).expect(200);
      return on.http.post('/api/v1/auth/logout-all').set(asBearer(other.body.idToken as string)).expect(204);
    },
  ],
];

/** Its own database, a fake Tape, and `count` instances on them (the admin bootstrapped). */
function useInstances(count: number): { readonly apps: TestApp[] } {
  let database: TestDatabase | undefined;
  let tape: FakeServer | undefined;
  const apps: TestApp[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    tape = createFakeTape();
    const tapeUrl = await tape.start();
    for (let i = 0; i < count; i++) apps.push(await startApp(database, { ...ADMIN_ENV, TAPE_API_URL: `${tapeUrl}/v1` }));
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await tape?.stop();
    await database?.drop().catch(() => undefined);
  });
  return { apps };
}

describe('verified-token caches: every invalidation, through the cache (one instance)', () => {
  const instances = useInstances(1);
  const t = (): TestApp => instances.apps[0]!;

  describe('Syncello API keys (VerifiedApiKeyCache)', () => {
    it('a regenerated key: the cached old key is refused at once, the new one is served', async () => {
      const user = await tapeUser(t());
      await expectStatus(listApps(t(), user.apiKey), 200, LIST_APPS);
      expect(apiKeys(t()).get(user.apiKey)).toEqual(apiKeyPrincipal(user, 'member'));

      let newKey = '';
      await changeHeardBack(t(), user.id, async () => {
        const regenerated = await t().http.post('/v1/account/api-key/regenerate').set(asBearer(user.sessionToken)).expect(200);
        newKey = regenerated.body.data.apiKey as string;
        // At once: before the feed's echo can have arrived.
        await expectStatus(listApps(t(), user.apiKey), 401, UNAUTHORIZED);
      });
      await expectStatus(listApps(t(), user.apiKey), 401, UNAUTHORIZED);
      expect(apiKeys(t()).get(user.apiKey)).toBeUndefined();

      await expectStatus(listApps(t(), newKey), 200, LIST_APPS);
      expect(apiKeys(t()).get(newKey)).toEqual(apiKeyPrincipal(user, 'member'));
    });

    it('a role change: the cached key gets the new role at once (member → viewer refused a write tool, back to member allowed)', async () => {
      const user = await tapeUser(t());
      await expectStatus(updateRecord(t(), user.apiKey), 200, UPDATED);
      expect(apiKeys(t()).get(user.apiKey)).toEqual(apiKeyPrincipal(user, 'member'));

      await changeHeardBack(t(), user.id, async () => {
        await setRole(t(), user.id, 'viewer');
        await expectStatus(updateRecord(t(), user.apiKey), 403, FORBIDDEN); // at once
      });
      await expectStatus(updateRecord(t(), user.apiKey), 403, FORBIDDEN);
      expect(apiKeys(t()).get(user.apiKey)).toEqual(apiKeyPrincipal(user, 'viewer'));
      await expectStatus(listApps(t(), user.apiKey), 200, LIST_APPS); // a viewer still reads

      await changeHeardBack(t(), user.id, async () => {
        await setRole(t(), user.id, 'member');
        await expectStatus(updateRecord(t(), user.apiKey), 200, UPDATED); // at once
      });
      await expectStatus(updateRecord(t(), user.apiKey), 200, UPDATED);
      expect(apiKeys(t()).get(user.apiKey)).toEqual(apiKeyPrincipal(user, 'member'));
    });
  });

  describe('Synq ID tokens (IdTokenCache)', () => {
    it.each(REVOCATIONS)('%s: the cached ID token is refused at once; the organization admin is untouched', async (_name, revoke) => {
      const admin = await signup(t());
      const member = await addMember(t(), admin, 'EDITOR');
      await expectStatus(products(t(), member.idToken), 200, []);
      expect(idTokens(t()).get(member.idToken)).toEqual(verifiedIdToken(member.idToken));

      await revoke(t(), admin, member);
      await expectStatus(products(t(), member.idToken), 401, SYNQ_UNAUTHORIZED);
      await expectStatus(products(t(), admin.idToken), 200, []);
    });

    it('expiry: the cached entry dies at exp; past exp and the 30 s skew the token is refused', async () => {
      const account = await signup(t());
      const login = await t().http.post('/api/v1/auth/login').send({ email: account.email, password: PASSWORD }).expect(200);
      const tokens = [account.idToken, login.body.idToken as string];
      for (const token of tokens) {
        await expectStatus(products(t(), token), 200, []);
        expect(idTokens(t()).get(token)).toEqual(verifiedIdToken(token));
      }
      const [viaHttp, viaCache] = tokens as [string, string];

      // The service's clock (jsonwebtoken and the cache both read Date.now) moved forward.
      const realNow = Date.now;
      const clock = jest.spyOn(Date, 'now');
      const at = (ms: number) => {
        const offset = ms - realNow();
        clock.mockImplementation(() => realNow() + offset);
      };
      try {
        const expMs = (token: string) => (claimsOf(token).exp as number) * 1000;
        // One second before exp: both still cached (and served).
        at(expMs(viaHttp) - 1_000);
        await expectStatus(products(t(), viaHttp), 200, []);
        expect(idTokens(t()).get(viaCache)).toEqual(verifiedIdToken(viaCache));

        // At exp itself the entry is gone, not only at exp + skew (where the strategy would refuse it anyway).
        at(expMs(viaCache));
        expect(idTokens(t()).get(viaCache)).toBeUndefined();

        // Past exp and the skew: the entry of `viaHttp` is still in the map, so this request
        // takes the cached path; a cache that ignored exp would answer 200.
        at(expMs(viaHttp) + 31_000);
        await expectStatus(products(t(), viaHttp), 401, SYNQ_UNAUTHORIZED);
        expect(idTokens(t()).get(viaHttp)).toBeUndefined();
      } finally {
        clock.mockRestore();
      }
    });
  });
});

/**
 * Two instances on one PostgreSQL: what one invalidates, the other's cache drops through NOTIFY.
 *
 * Both apps run in this one process, and Passport keeps its strategies in one process-wide
 * registry by name: the app started last (B) verifies every key and token that reaches
 * Passport, on both apps, with its own UserKeyCache and signing keys. So A (started first)
 * caches no API key (its VerifiedApiKeyCache only keeps what its own UserKeyCache holds), and
 * A's own answer after a Syncello change would depend on B having heard it. Hence: the change
 * is made on A, and B, whose guards and strategies are all its own, is the instance observed;
 * "at once on the same instance" is the one-instance block above. The Synq caches and
 * revocations live in the guard (per app), so for ID tokens A is checked too.
 */
const onPostgres = describeOn('postgres');

onPostgres('verified-token caches across two instances sharing PostgreSQL', () => {
  const instances = useInstances(2);
  const a = (): TestApp => instances.apps[0]!;
  const b = (): TestApp => instances.apps[1]!;

  it('a key regenerated on A: B, which had cached it, refuses it within a second', async () => {
    const user = await tapeUser(a());
    await expectStatus(listApps(b(), user.apiKey), 200, LIST_APPS);
    expect(apiKeys(b()).get(user.apiKey)).toEqual(apiKeyPrincipal(user, 'member'));

    const regenerated = await a().http.post('/v1/account/api-key/regenerate').set(asBearer(user.sessionToken)).expect(200);
    expect(await untilStatus(401, () => listApps(b(), user.apiKey), 1_000)).toBeLessThan(1_000);
    await expectStatus(listApps(b(), user.apiKey), 401, UNAUTHORIZED);
    expect(apiKeys(b()).get(user.apiKey)).toBeUndefined();
    await expectStatus(listApps(b(), regenerated.body.data.apiKey as string), 200, LIST_APPS);
  });

  it('a role changed on A: the key B had cached gets the new role there within a second', async () => {
    const user = await tapeUser(a());
    await expectStatus(updateRecord(b(), user.apiKey), 200, UPDATED);
    expect(apiKeys(b()).get(user.apiKey)).toEqual(apiKeyPrincipal(user, 'member'));

    await setRole(a(), user.id, 'viewer');
    expect(await untilStatus(403, () => updateRecord(b(), user.apiKey), 1_000)).toBeLessThan(1_000);
    await expectStatus(updateRecord(b(), user.apiKey), 403, FORBIDDEN);
    expect(apiKeys(b()).get(user.apiKey)).toEqual(apiKeyPrincipal(user, 'viewer'));
  });

  it.each(REVOCATIONS)('%s on A: the ID token cached on both is refused on A at once and on B within a second', async (_name, revoke) => {
    const admin = await signup(a());
    const member = await addMember(a(), admin, 'EDITOR');
    for (const on of [a(), b()]) {
      await expectStatus(products(on, member.idToken), 200, []);
      expect(idTokens(on).get(member.idToken)).toEqual(verifiedIdToken(member.idToken));
    }

    await revoke(a(), admin, member);
    await expectStatus(products(a(), member.idToken), 401, SYNQ_UNAUTHORIZED);
    expect(await untilStatus(401, () => products(b(), member.idToken), 1_000)).toBeLessThan(1_000);
    await expectStatus(products(b(), member.idToken), 401, SYNQ_UNAUTHORIZED);
    await expectStatus(products(b(), admin.idToken), 200, []);
  });
});
