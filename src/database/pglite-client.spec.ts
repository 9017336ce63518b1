import { jest } from '@jest/globals';
import { MemoryFS, PGlite } from '@electric-sql/pglite';
import { forDrizzle, NamedStatements, TurnTakingQueue } from './pglite-client.js';

describe('TurnTakingQueue', () => {
  it('runs the work one at a time, in order, with results and errors kept apart', async () => {
    const queue = new TurnTakingQueue();
    const log: string[] = [];
    const job = (name: string, fail = false) => async () => {
      log.push(`start ${name}`);
      await Promise.resolve();
      log.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([queue.run(job('a')), queue.run(job('b', true)), queue.run(job('c'))]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('gives the event loop a turn between two pieces of work (I/O is not held up by a backlog)', async () => {
    const queue = new TurnTakingQueue();
    const log: string[] = [];
    const first = queue.run(async () => {
      log.push('first');
      // What an accepted socket or a read would be: a callback of the next loop turn.
      setImmediate(() => log.push('io'));
    });
    const second = queue.run(async () => void log.push('second'));
    await Promise.all([first, second]);
    expect(log).toEqual(['first', 'io', 'second']);
  });
});

describe('NamedStatements (on a real in-memory PGlite)', () => {
  let client: PGlite;
  const prepared = async () => (await client.query<{ statement: string }>('select statement from pg_prepared_statements order by name')).rows.map((r) => r.statement);

  beforeAll(async () => {
    client = await PGlite.create();
    await client.exec(`create table item (id uuid primary key, name text, data bytea, doc jsonb, n int)`);
  });
  afterAll(async () => {
    await client.close();
  });
  beforeEach(async () => {
    await client.exec('deallocate all; delete from item');
  });

  const INSERT = 'insert into item (id, name, data, doc, n) values ($1, $2, $3, $4, $5) returning id, name, data, doc, n';
  const SELECT = 'select id, name, data, doc, n from item where id = $1';
  const ID = '0190b5c4-8f7e-7c00-8000-000000000001';

  it('answers what query() answers, in both row modes, with nulls, bytes and JSON as parameters', async () => {
    const statements = new NamedStatements(client);
    const inserted = await statements.query(INSERT, [ID, 'it\'s "quoted"', new Uint8Array([0, 1, 255]), { a: [1, null] }, null]);
    expect(inserted.rows).toEqual([{ id: ID, name: 'it\'s "quoted"', data: new Uint8Array([0, 1, 255]), doc: { a: [1, null] }, n: null }]);
    for (const options of [undefined, { rowMode: 'array' as const }]) {
      const named = await statements.query(SELECT, [ID], options);
      const plain = await client.query(SELECT, [ID], options);
      expect({ rows: named.rows, fields: named.fields }).toEqual({ rows: plain.rows, fields: plain.fields });
    }
  });

  it('builds the whole result as query() does (rows, fields, command, counts) for reads and writes, every type the schema uses', async () => {
    await client.exec(`create table typed (id uuid, t text, b bytea, j jsonb, i int, big int8, at timestamptz, ok boolean, tags text[])`);
    const statements = new NamedStatements(client);
    const texts: [string, unknown[]][] = [
      [`insert into typed values ($1, $2, $3, $4, $5, $6, $7, $8, $9), ($10, null, null, null, null, null, null, null, null) returning *`,
        [ID, 'a\u00e9\u{1f600}', new Uint8Array([0, 255]), { a: [1, null] }, 7, '9007199254740993', '2026-12-06T10:00:00.123Z', true, ['x', 'y'], '0190b5c4-8f7e-7c00-8000-000000000002']],
      ['select * from typed order by id', []],
      ['select id from typed where id = $1 and false', [ID]],
      ['update typed set i = i + 1 where i is not null', []],
      ['update typed set i = 0 where false', []],
      ['delete from typed where i is null', []],
      ['savepoint other', []],
    ];
    // Each statement runs twice on the same state: through the named statements, rolled back, then through query().
    await client.exec('begin');
    try {
      for (const [text, params] of texts) {
        for (const options of [undefined, { rowMode: 'array' as const }]) {
          await client.exec('savepoint each');
          const named = await statements.query(text, params, options);
          await client.exec('rollback to savepoint each');
          expect([text, named]).toEqual([text, await client.query(text, params, options)]);
        }
      }
    } finally {
      await client.exec('rollback');
    }
  });

  it('syncs the filesystem after each query only where its sync does something (the builtin ones write through)', async () => {
    class SyncingFS extends MemoryFS {
      override async syncToFs(): Promise<void> {}
    }
    for (const [fs, syncs] of [[new MemoryFS(), 0], [new SyncingFS(), 2]] as const) {
      const db = await PGlite.create({ fs });
      try {
        const sync = jest.spyOn(db, 'syncToFs');
        const statements = new NamedStatements(db);
        await statements.query('select 1 as one', []);
        await statements.query('select 1 as one', []);
        expect([fs.constructor.name, sync.mock.calls.length]).toEqual([fs.constructor.name, syncs]);
      } finally {
        await db.close();
      }
    }
  });

  it('parses each text once: later executions bind the named statement', async () => {
    const statements = new NamedStatements(client);
    for (let i = 0; i < 3; i++) await statements.query(SELECT, [ID]);
    expect(await prepared()).toEqual([SELECT]);
  });

  it('a failing execution rejects with the database error, and the next query runs', async () => {
    const statements = new NamedStatements(client);
    await expect(statements.query(SELECT, ['not-a-uuid'])).rejects.toMatchObject({ code: '22P02' });
    await expect(statements.query('select nope from item', [])).rejects.toMatchObject({ code: '42703' });
    expect((await statements.query(SELECT, [ID])).rows).toEqual([]);
    expect(await prepared()).toEqual([SELECT]);
  });

  it('beyond its bound, a new text runs unnamed', async () => {
    const statements = new NamedStatements(client, 1);
    await statements.query(SELECT, [ID]);
    expect((await statements.query('select count(*)::int as n from item', [])).rows).toEqual([{ n: 0 }]);
    expect(await prepared()).toEqual([SELECT]);
  });

  it('waits for a transaction in progress, as query() does (one session: inside it, it would run at once)', async () => {
    const statements = new NamedStatements(client);
    const log: string[] = [];
    let read: Promise<unknown> | undefined;
    await client.transaction(async (tx) => {
      await tx.query('insert into item (id, name) values ($1, $2)', [ID, 'in the transaction']);
      read = statements.query<{ name: string }>(SELECT, [ID]).then((r) => log.push(`read ${r.rows.map((row) => row.name).join()}`));
      await new Promise((resolve) => setTimeout(resolve, 20));
      log.push('transaction ends');
    });
    await read;
    expect(log).toEqual(['transaction ends', 'read in the transaction']);
  });

  // Last: the client keeps this set of statements from here on.
  it('one set of statements per client, however many apps wrap it (a restart on the same client)', async () => {
    const first = forDrizzle(client);
    const second = forDrizzle(client);
    await first.query(SELECT, [ID]);
    await expect(second.query(SELECT, [ID])).resolves.toMatchObject({ rows: [] });
    expect(await prepared()).toEqual([SELECT]);
  });
});
