import { randomBytes, randomUUID } from 'node:crypto';
import { SecretBox } from '../common/crypto/secret-box.js';
import type { ChangeHandlers, Database } from '../database/database.js';
import { userSecretContext, UserKeyCache } from './user-key.cache.js';

/** A database double that answers the one select the cache makes, and counts it. */
function fakeDatabase(rows: Map<string, { role: string; secret: Buffer }>, box: SecretBox) {
  let gate: Promise<void> = Promise.resolve();
  const db = {
    queries: 0,
    hold(): () => void {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return release;
    },
    select: () => ({
      from: () => ({
        where: async (condition: { queryChunks: Array<{ value?: unknown }> }) => {
          db.queries++;
          await gate;
          // eq(users.id, id): the id is the one bound parameter of the condition.
          const id = condition.queryChunks.map((chunk) => chunk.value).find((v): v is string => typeof v === 'string' && v.length === 36) ?? '';
          const row = rows.get(id);
          return row ? [{ id, email: `${id}@x`, role: row.role, secretKey: box.seal(row.secret, userSecretContext(id)) }] : [];
        },
      }),
    }),
  };
  // The change feed, driven by the test: `live` and the subscriber's handlers.
  const feed = { live: true, handlers: undefined as ChangeHandlers | undefined };
  const listen = async (_channel: string, handlers: ChangeHandlers) => {
    feed.handlers = handlers;
    return { get live() { return feed.live; }, close: async () => undefined };
  };
  return { database: { db, listen } as unknown as Database, db, feed };
}

async function started(database: Database, box: SecretBox): Promise<UserKeyCache> {
  const sut = new UserKeyCache(database, box);
  await sut.onModuleInit();
  return sut;
}

describe('UserKeyCache', () => {
  const box = new SecretBox(randomBytes(32));

  it('reads a user once, then serves it from memory', async () => {
    const id = randomUUID();
    const { database, db } = fakeDatabase(new Map([[id, { role: 'member', secret: randomBytes(32) }]]), box);
    const sut = await started(database, box);
    const [a, b] = await Promise.all([sut.get(id), sut.get(id)]);
    expect(a).toBe(b);
    expect(sut.get(id)).toBe(a);
    expect(db.queries).toBe(1);
  });

  it('remembers unknown ids briefly', async () => {
    const { database, db } = fakeDatabase(new Map(), box);
    const sut = await started(database, box);
    const id = randomUUID();
    expect(await sut.get(id)).toBeUndefined();
    expect(await sut.get(id)).toBeUndefined();
    expect(db.queries).toBe(1);
  });

  it('does not store a read that raced an invalidation', async () => {
    const id = randomUUID();
    const rows = new Map([[id, { role: 'member', secret: randomBytes(32) }]]);
    const { database, db } = fakeDatabase(rows, box);
    const sut = await started(database, box);
    const release = db.hold();
    const pending = sut.get(id);
    sut.invalidate(id); // the key was regenerated while the old row was in flight
    release();
    await pending;
    rows.set(id, { role: 'viewer', secret: randomBytes(32) });
    expect((await sut.get(id))!.role).toBe('viewer');
    expect(db.queries).toBe(2);
  });

  it('keeps nothing while its feed is down, and drops what it read once the feed is back', async () => {
    const id = randomUUID();
    const rows = new Map([[id, { role: 'member', secret: randomBytes(32) }]]);
    const { database, db, feed } = fakeDatabase(rows, box);
    const sut = await started(database, box);
    await sut.get(id);

    feed.live = false;
    feed.handlers!.onReset(); // the feed dropped
    await sut.get(id);
    await sut.get(id);
    expect(db.queries).toBe(3); // read each time, kept never

    // Another instance regenerates the key while this one cannot hear it...
    rows.set(id, { role: 'viewer', secret: randomBytes(32) });
    // ...a read that started before LISTEN was back ends after it: not kept either.
    const release = db.hold();
    const pending = sut.get(id);
    feed.live = true;
    feed.handlers!.onReset(); // LISTEN re-established
    release();
    await pending;
    expect((await sut.get(id))!.role).toBe('viewer');
    expect(db.queries).toBe(5);
    expect((await sut.get(id))!.role).toBe('viewer');
    expect(db.queries).toBe(5); // cached again now that the feed is live
  });

  it('stays bounded under 200,000 distinct unknown ids (a flood of made-up subs)', async () => {
    const { database, db } = fakeDatabase(new Map(), box);
    const sut = await started(database, box);
    for (let i = 0; i < 200_000; i += 1000) await Promise.all(Array.from({ length: 1000 }, () => sut.get(randomUUID())));
    expect(db.queries).toBe(200_000);
    const internals = sut as unknown as { unknown: Map<string, number>; loading: Map<string, unknown>; users: Map<string, unknown> };
    expect([internals.unknown.size, internals.loading.size, internals.users.size]).toEqual([10_000, 0, 0]);
  });
});
