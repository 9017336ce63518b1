import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { SecretBox } from '../common/crypto/secret-box.js';
import { type ChangeFeed, Database } from '../database/database.js';
import { syncelloUsers } from '../database/schema.js';
import type { SyncelloRole } from '../common/enums.js';

export const USER_CHANGED_CHANNEL = 'syncello_user_changed';

export interface CachedUser {
  id: string;
  email: string;
  role: SyncelloRole;
  /** The user's HS256 secret, ready for `jsonwebtoken` (no key derivation per verification). */
  key: KeyObject;
}

const MAX_USERS = 100_000;
const MAX_UNKNOWN = 10_000;
const UNKNOWN_TTL_MS = 30_000;

export function userSecretContext(userId: string): string {
  return `syncello:user-secret:${userId}`;
}

/**
 * The hot path of every `/v1` request: user id → role and signing key, in memory. A miss
 * reads the database once (concurrent misses share the read); unknown ids are remembered
 * briefly so a flood of made-up `sub`s cannot turn into a flood of queries.
 *
 * Invalidation: this instance drops an entry itself when it regenerates a key or changes a
 * role, and every instance hears the database's `syncello_user_changed` NOTIFY (a trigger
 * on the users table), so another instance's regeneration lands here within milliseconds.
 * If the feed is interrupted, everything is dropped, and nothing read is kept until the feed
 * is back (reads go to the database meanwhile); when LISTEN is re-established everything is
 * dropped again, since a read made while the feed was down may have missed a regeneration.
 * A read that raced an invalidation or a reset is not stored (the generation counter), so a
 * stale key can never be put back.
 */
@Injectable()
export class UserKeyCache implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(UserKeyCache.name);
  private readonly users = new Map<string, CachedUser>();
  private readonly unknown = new Map<string, number>();
  private readonly loading = new Map<string, Promise<CachedUser | undefined>>();
  private generation = 0;
  private feed?: ChangeFeed;

  constructor(
    private readonly database: Database,
    private readonly secretBox: SecretBox,
  ) {}

  async onModuleInit(): Promise<void> {
    this.feed = await this.database.listen(USER_CHANGED_CHANNEL, {
      onMessage: (userId) => this.invalidate(userId),
      onReset: () => this.clear(),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.feed?.close();
  }

  /** The user, from memory when possible; undefined when no such user exists. */
  get(userId: string): CachedUser | undefined | Promise<CachedUser | undefined> {
    const hit = this.users.get(userId);
    if (hit) return hit;
    const unknownUntil = this.unknown.get(userId);
    if (unknownUntil !== undefined) {
      if (unknownUntil > Date.now()) return undefined;
      this.unknown.delete(userId);
    }
    let pending = this.loading.get(userId);
    if (!pending) {
      const loading = this.load(userId).finally(() => {
        if (this.loading.get(userId) === loading) this.loading.delete(userId);
      });
      this.loading.set(userId, (pending = loading));
    }
    return pending;
  }

  invalidate(userId: string): void {
    this.generation++;
    this.users.delete(userId);
    this.unknown.delete(userId);
    // A read in flight may predate the change: later callers start their own.
    this.loading.delete(userId);
  }

  clear(): void {
    this.generation++;
    this.users.clear();
    this.unknown.clear();
    this.loading.clear();
  }

  private async load(userId: string): Promise<CachedUser | undefined> {
    // Kept only if the feed would have told us about a change made after this point.
    const generation = this.feed?.live === true ? this.generation : undefined;
    const [row] = await this.database.db
      .select({ id: syncelloUsers.id, email: syncelloUsers.email, role: syncelloUsers.role, secretKey: syncelloUsers.secretKey })
      .from(syncelloUsers)
      .where(eq(syncelloUsers.id, userId));
    const stale = generation !== this.generation;
    if (!row) {
      if (!stale) remember(this.unknown, userId, Date.now() + UNKNOWN_TTL_MS, MAX_UNKNOWN);
      return undefined;
    }
    const user: CachedUser = {
      id: row.id,
      email: row.email,
      role: row.role,
      key: createSecretKey(this.secretBox.open(row.secretKey, userSecretContext(row.id))),
    };
    if (!stale) remember(this.users, userId, user, MAX_USERS);
    else this.logger.debug(`user ${userId} changed while loading; not cached`);
    return user;
  }
}

/** Map insertion order as a cheap FIFO bound. */
function remember<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  if (map.size >= max) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
  map.set(key, value);
}
