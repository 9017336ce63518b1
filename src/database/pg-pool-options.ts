import type pg from 'pg';

/** Connections per instance to PostgreSQL. */
export const POOL_SIZE = 10;
/** The client-side query timeout trails the server's, so a live server reports its own cancel. */
const CLIENT_TIMEOUT_MARGIN_MS = 1_000;

export interface PgPoolTimeouts {
  /** DATABASE_CONNECT_TIMEOUT_MS */
  connectTimeoutMs: number;
  /** DATABASE_STATEMENT_TIMEOUT_MS */
  statementTimeoutMs: number;
}

/**
 * The service's PostgreSQL pool. A connection, once opened, stays open (`min` = `max`): by
 * default `pg-pool` closes one idle for 10 s, so after every quiet spell a burst of traffic
 * paid for new backends (connection, authentication, cold catalogue caches, statements
 * prepared again) and every release set an idle timer that the next acquire cleared
 * (`bench/README.md`, eighth round). A connection that fails while idle still leaves the pool,
 * and the next query opens a new one.
 */
export function pgPoolOptions(connectionString: string, { connectTimeoutMs, statementTimeoutMs }: PgPoolTimeouts): pg.PoolConfig {
  return {
    connectionString,
    max: POOL_SIZE,
    min: POOL_SIZE,
    connectionTimeoutMillis: connectTimeoutMs,
    // The server cancels a long statement; the client stops waiting for a frozen server.
    statement_timeout: statementTimeoutMs,
    query_timeout: statementTimeoutMs + CLIENT_TIMEOUT_MARGIN_MS,
  };
}
