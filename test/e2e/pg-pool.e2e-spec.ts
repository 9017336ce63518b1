import pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase, describeOn, type TestDatabase } from '../helpers/database.js';
import { pgPoolOptions, POOL_SIZE } from '../../src/database/pg-pool-options.js';

/**
 * The service's PostgreSQL pool keeps the connections it opened through a quiet spell, so a
 * burst after it does not wait for new backends. pg-pool's idle timer is shortened to 50 ms
 * here (10 s by default); the control shows it would otherwise close them.
 */
describeOn('postgres')('the PostgreSQL pool', () => {
  let database: TestDatabase;
  const timeouts = { connectTimeoutMs: 5_000, statementTimeoutMs: 10_000 };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  /** Three connections at once, a quiet spell, three again: what stayed open, and whether the same backends answered. */
  async function throughQuietSpell(options: pg.PoolConfig) {
    const pool = new pg.Pool({ ...options, idleTimeoutMillis: 50 });
    const backends = async () => {
      const clients = await Promise.all([1, 2, 3].map(() => pool.connect()));
      const pids = await Promise.all(clients.map(async (c) => (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid));
      for (const c of clients) c.release();
      return pids.sort((a, b) => a - b);
    };
    try {
      const before = await backends();
      await sleep(300);
      const open = { total: pool.totalCount, idle: pool.idleCount };
      const after = await backends();
      return { open, sameBackends: before.join() === after.join() };
    } finally {
      await pool.end();
    }
  }

  it('is the size of the pool both ways, with the configured timeouts', () => {
    expect(pgPoolOptions('postgres://db/x', timeouts)).toEqual({
      connectionString: 'postgres://db/x',
      max: POOL_SIZE,
      min: POOL_SIZE,
      connectionTimeoutMillis: 5_000,
      statement_timeout: 10_000,
      query_timeout: 11_000,
    });
  });

  it('keeps its connections open through a quiet spell', async () => {
    expect(await throughQuietSpell(pgPoolOptions(database.url!, timeouts))).toEqual({ open: { total: 3, idle: 3 }, sameBackends: true });
  });

  it('(control) without the floor, the idle timer closes them and new backends answer', async () => {
    expect(await throughQuietSpell({ ...pgPoolOptions(database.url!, timeouts), min: 0 })).toEqual({ open: { total: 0, idle: 0 }, sameBackends: false });
  });
});
