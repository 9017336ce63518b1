import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where global setup leaves the migrated PGlite template for the test files to load. */
export function pgliteTemplatePath() {
  return join(tmpdir(), `syncello-pglite-template-${process.env.JEST_RUN_ID ?? 'local'}.tar.gz`);
}

export const DEFAULT_TEST_DATABASE_URL = 'postgres://root@127.0.0.1:5432/test';
