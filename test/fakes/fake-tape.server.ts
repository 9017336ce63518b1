import { FakeServer } from './fake-server.js';

export const TAPE_API_KEY = 'tape_user_key_0123456789';

/**
 * Tape's REST API as documented at developers.tapeapp.com, for the data below: bearer API
 * key, `/v1` base path, `{ total, workspaces }`, `{ total, apps }`, `{ total, records, cursor }`.
 */
export function createFakeTape(): FakeServer {
  const workspaces = [
    { workspace_id: 12345, name: 'Operations', slug: 'operations', type: 'open', description: 'Ops', org_id: 1 },
    { workspace_id: 12346, name: 'Sales', slug: 'sales', type: 'open', description: null, org_id: 1 },
  ];
  const apps = [
    { app_id: 1001, workspace_id: 12345, name: 'Contacts', slug: 'contacts', config: { item_name: 'Contact', name: 'Contacts', description: 'People we work with' } },
    { app_id: 1002, workspace_id: 12345, name: 'Projects', slug: 'projects', config: { item_name: 'Project', name: 'Projects', description: 'Ongoing work' } },
  ];
  const fields = [
    { field_id: 1, external_id: 'name', label: 'Name', type: 'text', field_type: 'single_text', config: {} },
    { field_id: 2, external_id: 'email', label: 'Email', type: 'email', field_type: 'email', config: {} },
  ];
  const records = new Map<number, { record_id: number; app_id: number; title: string; created_on: string; fields: unknown[] }>();
  const makeRecord = (id: number, appId: number, name: string) => ({
    record_id: id,
    app_id: appId,
    title: name,
    created_on: '2026-01-02 10:00:00',
    fields: [{ ...fields[0], values: [{ value: name }] }, { ...fields[1], values: [{ value: `${name.toLowerCase()}@example.com` }] }],
  });
  for (const [id, name] of [[5001, 'Ada'], [5002, 'Grace'], [5003, 'Linus']] as const) records.set(id, makeRecord(id, 1001, name));
  let nextId = 6000;

  return new FakeServer((headers) => headers.authorization === `Bearer ${TAPE_API_KEY}`)
    .route('GET', /^\/v1\/workspace\/org$/, () => ({ body: { total: workspaces.length, workspaces } }))
    .route('GET', /^\/v1\/app\/workspace\/(\d+)$/, (_req, m) => {
      const list = apps.filter((a) => a.workspace_id === Number(m[1]));
      return workspaces.some((w) => w.workspace_id === Number(m[1])) ? { body: { total: list.length, apps: list } } : undefined;
    })
    .route('GET', /^\/v1\/app\/(\d+)$/, (_req, m) => {
      const app = apps.find((a) => a.app_id === Number(m[1]));
      return app ? { body: { ...app, fields } } : undefined;
    })
    .route('GET', /^\/v1\/record\/app\/(\d+)$/, (req, m) => {
      const all = [...records.values()].filter((r) => r.app_id === Number(m[1]));
      if (!apps.some((a) => a.app_id === Number(m[1]))) return undefined;
      const start = req.query.cursor ? Number(Buffer.from(req.query.cursor, 'base64url').toString()) : 0;
      const limit = req.query.limit ? Number(req.query.limit) : 50;
      const page = all.slice(start, start + limit);
      const more = start + limit < all.length;
      return { body: { total: all.length, records: page, cursor: more ? Buffer.from(String(start + limit)).toString('base64url') : null, has_more: more } };
    })
    .route('GET', /^\/v1\/record\/(\d+)$/, (_req, m) => {
      const record = records.get(Number(m[1]));
      return record ? { body: record } : undefined;
    })
    .route('POST', /^\/v1\/record\/app\/(\d+)$/, (req, m) => {
      if (!apps.some((a) => a.app_id === Number(m[1]))) return undefined;
      const body = req.body as { fields?: Record<string, unknown> };
      if (!body?.fields || typeof body.fields.name !== 'string') {
        return { status: 400, body: { error: 'validation_error', message: 'Field "name" is required' } };
      }
      const record = makeRecord(nextId++, Number(m[1]), body.fields.name);
      records.set(record.record_id, record);
      return { body: record };
    })
    .route('PUT', /^\/v1\/record\/(\d+)$/, (req, m) => {
      const record = records.get(Number(m[1]));
      if (!record) return undefined;
      const name = (req.body as { fields?: { name?: string } }).fields?.name;
      if (name) record.title = name;
      return { body: record };
    });
}
