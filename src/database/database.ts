import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Pool } from 'pg';
import type { PgListener } from './pg-listener.js';
import * as schema from './schema.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Unlisten = () => Promise<void>;

export interface ChangeHandlers {
  /** A NOTIFY payload on the channel. */
  onMessage(payload: string): void;
  /**
   * Notifications may have been missed: called when the feed drops, and again once LISTEN is
   * re-established (anything read between the two may already be stale).
   */
  onReset(): void;
}

export interface ChangeFeed {
  /**
   * True while LISTEN is established, so a change made from now on will be heard. A cache may
   * keep what it reads only if this was true before the read started and no reset came since.
   */
  readonly live: boolean;
  close: Unlisten;
}

type Driver =
  | { kind: 'pglite'; client: PGlite; owned: boolean }
  | { kind: 'postgres'; pool: Pool; listener: PgListener };

/**
 * The one handle on persistence: a Drizzle database over either embedded PGlite (default) or
 * PostgreSQL (`DATABASE_URL`), plus the change feed (LISTEN/NOTIFY) both of them speak.
 */
export class Database {
  constructor(
    readonly db: Db,
    private readonly driver: Driver,
  ) {}

  get kind(): Driver['kind'] {
    return this.driver.kind;
  }

  async ping(): Promise<void> {
    await this.db.execute(sql`select 1`);
  }

  /**
   * Runs `run` while holding a PostgreSQL advisory lock named by `key`, so instances sharing
   * the database take turns. The embedded database has one process, which serializes itself.
   * Waiting for the lock is bounded by `waitMs` (default one minute), not by the statement
   * timeout: another instance may hold it through a slow platform call.
   */
  async withAdvisoryLock<T>(key: string, run: () => Promise<T>, waitMs = 60_000): Promise<T> {
    if (this.driver.kind !== 'postgres') return run();
    const client = await this.driver.pool.connect();
    let broken: Error | undefined;
    try {
      try {
        await client.query(`set statement_timeout = ${Math.trunc(waitMs)}`);
        await client.query({ text: 'select pg_advisory_lock(hashtextextended($1, 0))', values: [key], query_timeout: waitMs + 1_000 } as never);
        await client.query('reset statement_timeout');
      } catch (error) {
        // A connection left waiting or with another timeout is discarded, not pooled.
        broken = error as Error;
        throw error;
      }
      try {
        return await run();
      } finally {
        // If the unlock fails, the connection is discarded (which releases the lock) rather than pooled.
        await client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [key]).catch((error: Error) => (broken = error));
      }
    } finally {
      client.release(broken);
    }
  }

  /** Subscribes to a NOTIFY channel; the feed tells when it may have missed something. */
  async listen(channel: string, handlers: ChangeHandlers): Promise<ChangeFeed> {
    if (this.driver.kind === 'postgres') return this.driver.listener.listen(channel, handlers);
    // One process owns an embedded database, so its feed cannot be interrupted.
    const close = await this.driver.client.listen(channel, handlers.onMessage);
    return { live: true, close };
  }

  async close(): Promise<void> {
    if (this.driver.kind === 'postgres') {
      await this.driver.listener.close();
      await this.driver.pool.end();
    } else if (this.driver.owned && !this.driver.client.closed) {
      await this.driver.client.close();
    }
  }
}
