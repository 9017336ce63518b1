import { PGlite, type QueryOptions, types } from '@electric-sql/pglite';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The type parsers Drizzle's PGlite driver hands to every query (it keeps dates, intervals and
 * numeric arrays as text and maps them itself). PGlite merges a query's parsers into its 300-odd
 * defaults on every call; installed once on the instance, the per-query merge disappears.
 */
const DRIZZLE_TEXT_TYPES = [types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182];
const asText = (value: string) => value;

/** Query options without per-query parsers, one constant object per row mode. */
const ROW_MODE = { array: { rowMode: 'array' as const }, object: { rowMode: 'object' as const } };

/**
 * The client Drizzle gets: the same PGlite, with Drizzle's parsers installed once and its
 * per-query `parsers` option dropped (they are the instance's own now).
 */
export function forDrizzle(client: PGlite): PGlite {
  client.parsers = { ...client.parsers, ...Object.fromEntries(DRIZZLE_TEXT_TYPES.map((oid) => [oid, asText])) };
  const query = (text: string, params?: unknown[], options?: QueryOptions) =>
    client.query(text, params, options?.parsers && options.rowMode ? ROW_MODE[options.rowMode] : options);
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'query') return query;
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * Opens the embedded database in `dataDir`. A new folder is first initialized (initdb) in a
 * short-lived child process: PGlite's first start keeps a second full instance and the initdb
 * module alive for the life of the process (~400 MB), which this one never needs.
 */
export async function openEmbedded(dataDir: string): Promise<PGlite> {
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await initializeInChild(dataDir);
  return PGlite.create({ dataDir });
}

async function initializeInChild(dataDir: string): Promise<void> {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const script = 'const { PGlite } = require(process.argv[1]); PGlite.create({ dataDir: process.argv[2] }).then((db) => db.close());';
  await promisify(execFile)(process.execPath, ['-e', script, entry, dataDir], { timeout: 120_000 });
}
