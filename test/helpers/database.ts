import { PGlite } from '@electric-sql/pglite';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { DEFAULT_TEST_DATABASE_URL, pgliteTemplatePath } from '../setup/paths.mjs';

export type TestDbKind = 'pglite' | 'postgres';

export const testDbKind = (): TestDbKind => (process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite');

/** `describe` in the project that runs on `kind`, `describe.skip` in the other (a suite that needs one database, or runs once). */
export const describeOn = (kind: TestDbKind) => (testDbKind() === kind ? describe : describe.skip);

/** A database of its own for one test file: a copy of the migrated template, or a new PostgreSQL database. */
export interface TestDatabase {
  kind: TestDbKind;
  /** Set for PostgreSQL. */
  url?: string;
  /** Set for PGlite: the open copy every app of this file shares. */
  pglite?: PGlite;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDbKind() === 'pglite') {
    const dump = readFileSync(pgliteTemplatePath());
    const pglite = await PGlite.create({ loadDataDir: new Blob([dump]) });
    return { kind: 'pglite', pglite, drop: () => pglite.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
  const name = `syncello_e2e_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    url: url.toString(),
    drop: () => withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
