import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DEFAULT_TEST_DATABASE_URL, pgliteTemplatePath } from './paths.mjs';

const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

/**
 * Once per run: migrate one embedded database and dump it, so each e2e file starts from a
 * copy instead of a fresh initdb; and check PostgreSQL is there for the postgres project.
 * (Plain ESM: Jest runs global setup outside the projects' TypeScript transform.)
 */
export default async function globalSetup() {
  process.env.JEST_RUN_ID ??= randomUUID();
  const template = await PGlite.create();
  await migrate(drizzle(template), { migrationsFolder: MIGRATIONS_FOLDER });
  const dump = await template.dumpDataDir('gzip');
  writeFileSync(pgliteTemplatePath(), Buffer.from(await dump.arrayBuffer()));
  await template.close();

  const url = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new Error(`PostgreSQL is needed for the e2e:postgres tests (TEST_DATABASE_URL=${url}): ${error.message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
