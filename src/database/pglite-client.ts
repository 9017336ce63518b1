import { PGlite, protocol, type QueryOptions, type Results, types } from '@electric-sql/pglite';
import { EmscriptenBuiltinFilesystem } from '@electric-sql/pglite/basefs';
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

/** How many distinct statements are kept prepared; beyond that, a new text is run unnamed. */
const MAX_STATEMENTS = 256;

interface Statement {
  name: string;
  /** The parameters' type oids, as the database inferred them (for PGlite's serializers). */
  paramTypes: number[];
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

type BackendMessage = Awaited<ReturnType<PGlite['execProtocolStream']>>[number];
type ValueParser = (value: string, typeId: number) => unknown;
interface FieldDescription {
  name: string;
  dataTypeID: number;
}

/** The commands whose row count `affectedRows` adds up, as PGlite's `parseResults` counts them. */
const COUNTED_COMMANDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE']);

/**
 * The result of one statement's messages, as PGlite's `parse.parseResults(...)[0]` builds it
 * (rows in `rowMode`, fields, command, `affectedRows`, `rowCount`), in plain loops: its
 * `forEach`, `map` and `Object.fromEntries` per row, and a parser lookup per value, were 4% of
 * an embedded read by id (self time).
 */
export function resultOf<T>(messages: BackendMessage[], parsers: Record<number, ValueParser>, rowMode: 'array' | 'object' = 'object'): Results<T> {
  let fields: FieldDescription[] = [];
  let fieldParsers: (ValueParser | undefined)[] = [];
  const rows: unknown[] = [];
  const parsed = (value: string | null, i: number) => {
    if (value === null) return null;
    const parser = fieldParsers[i];
    return parser ? parser(value, fields[i]!.dataTypeID) : value;
  };
  for (const message of messages) {
    if (message instanceof protocol.messages.RowDescriptionMessage) {
      fields = message.fields.map((field) => ({ name: field.name, dataTypeID: field.dataTypeID }));
      fieldParsers = fields.map((field) => parsers[field.dataTypeID] ?? (types.parsers as Record<number, ValueParser>)[field.dataTypeID]);
    } else if (message instanceof protocol.messages.DataRowMessage) {
      const values = message.fields as (string | null)[];
      if (rowMode === 'array') {
        const row = new Array<unknown>(values.length);
        for (let i = 0; i < values.length; i++) row[i] = parsed(values[i]!, i);
        rows.push(row);
      } else {
        const row: Record<string, unknown> = {};
        for (let i = 0; i < values.length; i++) row[fields[i]!.name] = parsed(values[i]!, i);
        rows.push(row);
      }
    } else if (message instanceof protocol.messages.CommandCompleteMessage) {
      const words = message.text.split(' ');
      const command = words[0]!;
      const count = parseInt(words[words.length - 1]!, 10);
      const result: Results<T> = { rows: rows as Results<T>['rows'], fields, command, affectedRows: COUNTED_COMMANDS.has(command) ? count : 0 };
      if (!Number.isNaN(count)) result.rowCount = count;
      return result;
    }
  }
  return { affectedRows: 0, rows: [], fields: [] };
}

/**
 * PGlite's `query` parses and plans its text on every call, in six calls into WebAssembly
 * (parse, describe, bind, describe, execute, sync). Here each distinct text is parsed once as a
 * named statement, and every execution is one call (bind, describe, execute, sync), on the same
 * locks as `query`, with PGlite's own serializers and result parser. Measured in isolation: a
 * one-row read 443 -> 153 µs, a page of 100 rows 899 -> 638 µs.
 */
export class NamedStatements {
  private readonly statements = new Map<string, Statement>();
  private syncsToFs: boolean | undefined;

  constructor(
    private readonly client: PGlite,
    private readonly maxStatements = MAX_STATEMENTS,
  ) {}

  async query<T>(text: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
    if (!this.statements.has(text) && this.statements.size >= this.maxStatements) return this.client.query<T>(text, params, options);
    await this.client._checkReady();
    return this.client._runExclusiveTransaction(() => this.client._runExclusiveQuery(() => this.execute<T>(text, params, options)));
  }

  private async execute<T>(text: string, params: unknown[], options?: QueryOptions): Promise<Results<T>> {
    const statement = this.statements.get(text) ?? (await this.prepare(text));
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serialize = this.client.serializers[statement.paramTypes[i]!];
      return serialize ? serialize(value) : String(value);
    });
    const { serialize } = protocol;
    const messages = await this.client.execProtocolStream(
      concat([serialize.bind({ statement: statement.name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]),
      { syncToFs: false },
    );
    // The filesystems this service opens (a data folder, or memory for the tests' clones) write
    // through: their sync is a no-op that PGlite would still queue behind a mutex per query.
    // Decided once, on the first query: the client is ready by then, and its filesystem is fixed.
    this.syncsToFs ??= this.client.fs?.syncToFs !== EmscriptenBuiltinFilesystem.prototype.syncToFs;
    if (this.syncsToFs) await this.client.syncToFs();
    return resultOf<T>(messages, this.client.parsers, options?.rowMode);
  }

  private async prepare(text: string): Promise<Statement> {
    const name = `drizzle_${this.statements.size + 1}`;
    const { serialize } = protocol;
    const messages = await this.client.execProtocolStream(
      concat([serialize.parse({ name, text, types: [] }), serialize.describe({ type: 'S', name }), serialize.sync()]),
      { syncToFs: false },
    );
    const description = messages.find((message) => message.name === 'parameterDescription') as InstanceType<typeof protocol.messages.ParameterDescriptionMessage> | undefined;
    const statement = { name, paramTypes: description?.dataTypeIDs ?? [] };
    this.statements.set(text, statement);
    return statement;
  }
}

const statementsOf = new WeakMap<PGlite, NamedStatements>();

/**
 * The client Drizzle gets: the same PGlite, with Drizzle's parsers installed once and its
 * per-query `parsers` option dropped (they are the instance's own now), its queries run as
 * named statements (`NamedStatements`) and taking turns with the event loop (`TurnTakingQueue`).
 * Drizzle's transactions use PGlite's own `transaction`, unchanged.
 */
export function forDrizzle(client: PGlite): PGlite {
  client.parsers = { ...client.parsers, ...Object.fromEntries(DRIZZLE_TEXT_TYPES.map((oid) => [oid, asText])) };
  const turns = new TurnTakingQueue();
  // Statement names live in the database session: one set per client, however many apps wrap it.
  let statements = statementsOf.get(client);
  if (!statements) statementsOf.set(client, (statements = new NamedStatements(client)));
  const query = (text: string, params?: unknown[], options?: QueryOptions) =>
    turns.run(() => statements.query(text, params, options?.parsers && options.rowMode ? ROW_MODE[options.rowMode] : options));
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
