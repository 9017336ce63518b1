import { Injectable } from '@nestjs/common';
import type { SyncelloPrincipal } from './syncello-principal.js';
import { type CachedUser, UserKeyCache } from './user-key.cache.js';

const MAX_ENTRIES = 10_000;

interface Entry {
  principal: SyncelloPrincipal;
  /** The user entry (role and key) the token was verified with. */
  user: CachedUser;
}

/**
 * API keys already verified, so a client sending the same key again costs two map lookups
 * instead of a decode, an HMAC and Passport. An entry is only as good as the user entry it was
 * verified with: it is served while `UserKeyCache` still holds that very object, and a key
 * regeneration or role change (here or, through the change feed, on any instance), a feed
 * outage or a reconnect drops that object, and with it every token verified against it.
 * Bounded: the least recently used entry goes first.
 */
@Injectable()
export class VerifiedApiKeyCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly users: UserKeyCache) {}

  get(token: string): SyncelloPrincipal | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    this.entries.delete(token);
    if (this.users.peek(entry.user.id) !== entry.user) return undefined;
    this.entries.set(token, entry); // most recently used last
    return entry.principal;
  }

  set(token: string, principal: SyncelloPrincipal, user: CachedUser): void {
    if (this.users.peek(user.id) !== user) return; // already stale, or not kept (feed down)
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(token, { principal, user });
  }

  get size(): number {
    return this.entries.size;
  }
}
