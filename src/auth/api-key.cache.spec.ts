import { createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import { VerifiedApiKeyCache } from './api-key.cache.js';
import type { SyncelloPrincipal } from './syncello-principal.js';
import type { CachedUser, UserKeyCache } from './user-key.cache.js';

/** A UserKeyCache double: the user entries it holds right now (all the cache asks is `peek`). */
function userEntries() {
  const held = new Map<string, CachedUser>();
  const users = { peek: (id: string) => held.get(id) } as unknown as UserKeyCache;
  return { held, users };
}

const cachedUser = (id = randomUUID(), role: CachedUser['role'] = 'member'): CachedUser => ({
  id,
  email: `${id}@example.com`,
  role,
  key: createSecretKey(randomBytes(32)),
});
const principalOf = (user: CachedUser): SyncelloPrincipal => ({ kind: 'api-key', userId: user.id, email: user.email, role: user.role });

describe('VerifiedApiKeyCache', () => {
  it('serves a verified key while UserKeyCache holds the very user object it was verified with', () => {
    const { held, users } = userEntries();
    const sut = new VerifiedApiKeyCache(users);
    const user = cachedUser();
    held.set(user.id, user);
    const principal = principalOf(user);
    sut.set('key', principal, user);
    expect(sut.get('key')).toBe(principal);
    expect(sut.get('key')).toBe(principal);
    expect(sut.size).toBe(1);
  });

  it('dies when the user entry is replaced (key regenerated or role changed: a new object is read)', () => {
    const { held, users } = userEntries();
    const sut = new VerifiedApiKeyCache(users);
    const user = cachedUser();
    held.set(user.id, user);
    sut.set('key', principalOf(user), user);
    // Same id, same role even: only the very object verified with counts.
    held.set(user.id, { ...user });
    expect(sut.get('key')).toBeUndefined();
    expect(sut.size).toBe(0);
    // Putting the old object back does not revive the entry: it is gone.
    held.set(user.id, user);
    expect(sut.get('key')).toBeUndefined();
  });

  it('dies when the user entry is dropped (invalidated here or through the feed, or the feed reset)', () => {
    const { held, users } = userEntries();
    const sut = new VerifiedApiKeyCache(users);
    const [one, two] = [cachedUser(), cachedUser(undefined, 'viewer')];
    held.set(one.id, one);
    held.set(two.id, two);
    sut.set('key-1', principalOf(one), one);
    sut.set('key-2', principalOf(two), two);
    held.delete(one.id);
    expect(sut.get('key-1')).toBeUndefined();
    expect(sut.get('key-2')).toEqual(principalOf(two)); // another user's entry is untouched
    held.clear();
    expect(sut.get('key-2')).toBeUndefined();
    expect(sut.size).toBe(0);
  });

  it('does not store a key verified with a user entry already gone or replaced (or never kept: feed down)', () => {
    const { held, users } = userEntries();
    const sut = new VerifiedApiKeyCache(users);
    const user = cachedUser();
    sut.set('not-held', principalOf(user), user);
    held.set(user.id, { ...user });
    sut.set('replaced', principalOf(user), user);
    expect(sut.size).toBe(0);
    expect(sut.get('not-held')).toBeUndefined();
    expect(sut.get('replaced')).toBeUndefined();
  });

  it('stays bounded, dropping the least recently used', () => {
    const { held, users } = userEntries();
    const sut = new VerifiedApiKeyCache(users);
    const user = cachedUser();
    held.set(user.id, user);
    const principal = principalOf(user);
    for (let i = 0; i < 10_000; i++) sut.set(`k${i}`, principal, user);
    expect(sut.get('k0')).toBe(principal); // touched: now the most recent
    sut.set('new', principal, user);
    expect(sut.size).toBe(10_000);
    expect(sut.get('k1')).toBeUndefined();
    expect(sut.get('k0')).toBe(principal);
    expect(sut.get('new')).toBe(principal);
  });
});
