import { FakeServer } from './fake-server.js';
import { FakeOAuth } from './fake-oauth.js';

/**
 * Podio's REST API as documented at developers.podio.com: `Authorization: OAuth2 <token>`,
 * apps of a space as a bare array, items with `fields[].values`, `POST /item/app/{id}/filter/`
 * answering `{ total, filtered, items }`, and the token endpoint `/oauth/token/v2`.
 */
export function createFakePodio(): { server: FakeServer; oauth: FakeOAuth } {
  const oauth = new FakeOAuth('podio');
  const apps = [
    { app_id: 1001, space_id: 2001, config: { name: 'Leads', item_name: 'Lead', description: 'Sales leads' }, fields: [{ field_id: 11, external_id: 'title', label: 'Title', type: 'text' }] },
    { app_id: 1002, space_id: 2001, config: { name: 'Deals', item_name: 'Deal', description: null }, fields: [] },
  ];
  const items = [
    { item_id: 3001, title: 'Acme', app: { app_id: 1001 }, fields: [{ field_id: 11, external_id: 'title', label: 'Title', type: 'text', values: [{ value: 'Acme' }] }] },
    { item_id: 3002, title: 'Globex', app: { app_id: 1001 }, fields: [] },
  ];
  let nextId = 4000;
  const server = new FakeServer((headers) => oauth.accepts(headers.authorization, 'OAuth2'))
    .route('GET', /^\/app\/space\/(\d+)\/$/, (_req, m) => (Number(m[1]) === 2001 ? { body: apps } : undefined))
    .route('GET', /^\/app\/(\d+)$/, (_req, m) => {
      const app = apps.find((a) => a.app_id === Number(m[1]));
      return app ? { body: app } : undefined;
    })
    .route('GET', /^\/item\/(\d+)$/, (_req, m) => {
      const item = items.find((i) => i.item_id === Number(m[1]));
      return item ? { body: item } : undefined;
    })
    .route('POST', /^\/item\/app\/(\d+)\/filter\/$/, (req, m) => {
      const body = req.body as { limit?: number; offset?: number };
      const all = items.filter((i) => i.app.app_id === Number(m[1]));
      const page = all.slice(body.offset ?? 0, (body.offset ?? 0) + (body.limit ?? 30));
      return { body: { total: all.length, filtered: all.length, items: page } };
    })
    .route('POST', /^\/item\/app\/(\d+)\/$/, (req, m) => {
      const fields = (req.body as { fields?: Record<string, unknown> }).fields;
      if (!fields || typeof fields.title !== 'string') return { status: 400, body: { error: 'invalid_value', error_description: 'Invalid value for field "title"' } };
      const item = { item_id: nextId++, title: fields.title, app: { app_id: Number(m[1]) }, fields: [] };
      items.push(item);
      return { body: { item_id: item.item_id, title: item.title } };
    });
  oauth.mount(server, /^\/oauth\/token\/v2$/);
  return { server, oauth };
}
