import { randomUUID } from 'node:crypto';
import { useTestApp } from '../helpers/app.js';
import { addMember, signup, synqError, type SynqAccount } from '../helpers/synq.js';
import { asBearer } from '../helpers/tokens.js';

const NOT_FOUND = synqError('Not Found: Product not found');

describe('Synq products', () => {
  const t = useTestApp();
  let admin: SynqAccount;
  let stranger: SynqAccount;

  beforeAll(async () => {
    admin = await signup(t);
    stranger = await signup(t, 'Elsewhere');
  });

  const create = (account: SynqAccount, body: object) => t.http.post('/api/v1/products').set(asBearer(account.idToken)).send(body);

  it('create: 201 full record, UUID v7 id, ACTIVE by default', async () => {
    const response = await create(admin, { title: 'Kettle', description: 'Boils water', category: 'Kitchen' });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      title: 'Kettle',
      description: 'Boils water',
      category: 'Kitchen',
      status: 'ACTIVE',
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const got = await t.http.get(`/api/v1/products/${response.body.id as string}`).set(asBearer(admin.idToken));
    expect(got.status).toBe(200);
    expect(got.body).toEqual(response.body);
  });

  it('reads send, byte for byte, what JSON.stringify writes (the database writes their JSON): escapes, unicode, null', async () => {
    const account = await signup(t);
    const controls = Array.from({ length: 0x7f }, (_, i) => String.fromCharCode(i + 1)).join(''); // U+0001..U+007F
    const body = { title: `${controls} é ü 日本 😀 \u2028\u2029`, description: 'Line one\nLine "two"\t\\ end \'', category: null };
    const created = await create(account, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject(body);
    const record = created.body as Record<string, unknown>;

    const got = await t.http.get(`/api/v1/products/${record.id as string}`).set(asBearer(account.idToken));
    expect({ status: got.status, type: got.headers['content-type'], text: got.text }).toEqual({
      status: 200,
      type: 'application/json; charset=utf-8',
      text: JSON.stringify(record),
    });

    const summary = { id: record.id, title: record.title, category: null, status: 'ACTIVE', updated_at: record.updated_at };
    const listed = await t.http.get('/api/v1/products').set(asBearer(account.idToken));
    expect({ status: listed.status, type: listed.headers['content-type'], text: listed.text }).toEqual({
      status: 200,
      type: 'application/json; charset=utf-8',
      text: JSON.stringify([summary]),
    });
  });

  it('an empty organization lists [] as JSON', async () => {
    const account = await signup(t);
    const listed = await t.http.get('/api/v1/products').set(asBearer(account.idToken));
    expect({ status: listed.status, type: listed.headers['content-type'], text: listed.text }).toEqual({
      status: 200,
      type: 'application/json; charset=utf-8',
      text: '[]',
    });
  });

  it('a NUL character (which PostgreSQL text cannot hold) is a 400, not a 500', async () => {
    const response = await create(admin, { title: 'nul \u0000 here' });
    expect({ status: response.status, body: response.body }).toEqual({ status: 400, body: synqError('Bad Request: title: must not contain the NUL character') });
  });

  it.each([
    [{}, 'Bad Request: title: is required'],
    [{ title: 'x', status: 'SOLD' }, 'Bad Request: status: must be one of: ACTIVE, DRAFT, ARCHIVED'],
    [{ title: 'x', tenantid: 'someone-else' }, 'Bad Request: tenantid: is not allowed'],
    [{ title: 'x', price: 3 }, 'Bad Request: price: is not allowed'],
  ])('create: 400 for %j', async (body, error) => {
    const response = await create(admin, body);
    expect(response.status).toBe(400);
    expect(response.body).toEqual(synqError(error));
  });

  it('list: summaries, most recently updated first, limit and cursor', async () => {
    const account = await signup(t);
    const ids: string[] = [];
    for (const title of ['A', 'B', 'C']) ids.push((await create(account, { title })).body.id as string);
    await t.http.patch(`/api/v1/products/${ids[0]!}`).set(asBearer(account.idToken)).send({ status: 'DRAFT' }).expect(200);

    const page1 = await t.http.get('/api/v1/products?limit=2').set(asBearer(account.idToken));
    expect(page1.status).toBe(200);
    expect(page1.body).toEqual([
      { id: ids[0], title: 'A', category: null, status: 'DRAFT', updated_at: expect.any(String) },
      { id: ids[2], title: 'C', category: null, status: 'ACTIVE', updated_at: expect.any(String) },
    ]);
    const cursor = page1.headers['x-next-cursor'] as string;
    expect(cursor).toEqual(expect.any(String));
    const page2 = await t.http.get(`/api/v1/products?limit=2&cursor=${cursor}`).set(asBearer(account.idToken));
    expect(page2.body).toEqual([{ id: ids[1], title: 'B', category: null, status: 'ACTIVE', updated_at: expect.any(String) }]);
    expect(page2.headers['x-next-cursor']).toBeUndefined();

    // A page that holds exactly what is left names no next page; one row fewer does.
    const all = await t.http.get('/api/v1/products?limit=3').set(asBearer(account.idToken));
    expect({ status: all.status, ids: (all.body as { id: string }[]).map((p) => p.id), cursor: all.headers['x-next-cursor'] }).toEqual({
      status: 200,
      ids: [ids[0], ids[2], ids[1]],
      cursor: undefined,
    });
    const first = await t.http.get('/api/v1/products?limit=1').set(asBearer(account.idToken));
    const second = await t.http.get(`/api/v1/products?limit=1&cursor=${first.headers['x-next-cursor'] as string}`).set(asBearer(account.idToken));
    const third = await t.http.get(`/api/v1/products?limit=1&cursor=${second.headers['x-next-cursor'] as string}`).set(asBearer(account.idToken));
    expect([first, second, third].map((page) => ({ text: page.text, more: typeof page.headers['x-next-cursor'] }))).toEqual([
      { text: JSON.stringify([page1.body[0]]), more: 'string' },
      { text: JSON.stringify([page1.body[1]]), more: 'string' },
      { text: JSON.stringify(page2.body), more: 'undefined' },
    ]);
  });

  it('list: at most 100; 400 for a bad limit or cursor', async () => {
    for (const [query, error] of [
      ['limit=101', 'Bad Request: limit: limit must not be greater than 100'],
      ['limit=0', 'Bad Request: limit: limit must not be less than 1'],
      ['cursor=bogus', 'Bad Request: cursor is invalid'],
      ['sort=title', 'Bad Request: sort: is not allowed'],
    ]) {
      const response = await t.http.get(`/api/v1/products?${query}`).set(asBearer(admin.idToken));
      expect([query, response.status]).toEqual([query, 400]);
      expect(response.body).toEqual(synqError(error!));
    }
  });

  it('patch: 200 full record; null clears; an empty patch is 400', async () => {
    const created = (await create(admin, { title: 'Lamp', category: 'Home' })).body as { id: string; updated_at: string };
    const editor = await addMember(t, admin, 'EDITOR');
    const response = await t.http.patch(`/api/v1/products/${created.id}`).set(asBearer(editor.idToken)).send({ title: 'Desk lamp', category: null, status: 'ARCHIVED' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ id: created.id, title: 'Desk lamp', description: null, category: null, status: 'ARCHIVED', created_at: expect.any(String), updated_at: expect.any(String) });
    expect(Date.parse(response.body.updated_at as string)).toBeGreaterThanOrEqual(Date.parse(created.updated_at));

    const empty = await t.http.patch(`/api/v1/products/${created.id}`).set(asBearer(admin.idToken)).send({});
    expect(empty.status).toBe(400);
    expect(empty.body).toEqual(synqError('Bad Request: body must change at least one of title, description, category, status'));
    const nullTitle = await t.http.patch(`/api/v1/products/${created.id}`).set(asBearer(admin.idToken)).send({ title: null });
    expect(nullTitle.status).toBe(400);
  });

  it('delete: 204, then 404', async () => {
    const created = (await create(admin, { title: 'Temporary' })).body as { id: string };
    const deleted = await t.http.delete(`/api/v1/products/${created.id}`).set(asBearer(admin.idToken));
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    const again = await t.http.get(`/api/v1/products/${created.id}`).set(asBearer(admin.idToken));
    expect(again.status).toBe(404);
    expect(again.body).toEqual(NOT_FOUND);
  });

  it("another tenant's product is 404 on every route, never 403, and never listed", async () => {
    const mine = (await create(admin, { title: 'Mine' })).body as { id: string };
    for (const request of [
      t.http.get(`/api/v1/products/${mine.id}`),
      t.http.patch(`/api/v1/products/${mine.id}`).send({ title: 'Stolen' }),
      t.http.delete(`/api/v1/products/${mine.id}`),
    ]) {
      const response = await request.set(asBearer(stranger.idToken));
      expect(response.status).toBe(404);
      expect(response.body).toEqual(NOT_FOUND);
    }
    const list = await t.http.get('/api/v1/products').set(asBearer(stranger.idToken));
    expect((list.body as Array<{ id: string }>).map((p) => p.id)).not.toContain(mine.id);
    const still = await t.http.get(`/api/v1/products/${mine.id}`).set(asBearer(admin.idToken));
    expect(still.body.title).toBe('Mine');
  });

  it('404 for an id that is not a uuid or does not exist', async () => {
    for (const id of ['42', randomUUID()]) {
      const response = await t.http.get(`/api/v1/products/${id}`).set(asBearer(admin.idToken));
      expect(response.status).toBe(404);
      expect(response.body).toEqual(NOT_FOUND);
    }
  });
});
