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

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * PGlite runs each query synchronously (WebAssembly) inside a promise continuation, and its
 * queue hands over from one query to the next in continuations too: a backlog of queries runs
 * back to back in one microtask drain. Node drains microtasks after every I/O callback, so each
 * accepted connection waited for the whole backlog (measured: 20 connections in the accept
 * queue, 1-2 accepted per 50 ms, first requests answered after 1.5-2.5 s). Here the queries
 * still run one at a time, in order, but each starts in an event-loop turn of its own, so
 * sockets are accepted and read between two queries (a slice of several queries per turn
 * measured no faster, and let accepts wait again).
 */
export class TurnTakingQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(nextTurn).then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * The client Drizzle gets: the same PGlite, with Drizzle's parsers installed once and its
 * per-query `parsers` option dropped (they are the instance's own now), its queries taking
 * turns with the event loop (`TurnTakingQueue`).
 */
export function forDrizzle(client: PGlite): PGlite {
  client.parsers = { ...client.parsers, ...Object.fromEntries(DRIZZLE_TEXT_TYPES.map((oid) => [oid, asText])) };
  const turns = new TurnTakingQueue();
  const query = (text: string, params?: unknown[], options?: QueryOptions) =>
    turns.run(() => client.query(text, params, options?.parsers && options.rowMode ? ROW_MODE[options.rowMode] : options));
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
 * `sharedBuffers` overrides the 128MB initdb writes: PGlite's WASM memory holds the buffers
 * resident from the start (measured: RSS after opening 286 MB at 128MB, 167 MB at 16MB).
 */
export async function openEmbedded(dataDir: string, options: { sharedBuffers: string }): Promise<PGlite> {
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await initializeInChild(dataDir);
  return PGlite.create({ dataDir, startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${options.sharedBuffers}`] });
}

async function initializeInChild(dataDir: string): Promise<void> {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const script = 'const { PGlite } = require(process.argv[1]); PGlite.create({ dataDir: process.argv[2] }).then((db) => db.close());';
  await promisify(execFile)(process.execPath, ['-e', script, entry, dataDir], { timeout: 120_000 });
}
