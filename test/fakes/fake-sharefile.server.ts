import { FakeServer } from './fake-server.js';
import { FakeOAuth } from './fake-oauth.js';

/**
 * ShareFile's v3 OData API (api.sharefile.com): `/sf/v3/Items(id)`, `/Items(id)/Children`
 * answering `{ "odata.count", value: [...] }` with `$top`/`$skip`, `/Items/ByPath?path=`,
 * `POST /Items(id)/Folder`, OData errors `{ code, message: { lang, value } }`, and the token
 * endpoint `/oauth/token`.
 */
export function createFakeShareFile(): { server: FakeServer; oauth: FakeOAuth } {
  const oauth = new FakeOAuth('sharefile');
  const folder = (Id: string, Name: string, parent: string) => ({ Id, Name, 'odata.type': 'ShareFile.Api.Models.Folder', CreationDate: '2026-01-01T00:00:00Z', parent });
  const file = (Id: string, Name: string, parent: string, size: number) => ({ Id, Name, FileName: Name, 'odata.type': 'ShareFile.Api.Models.File', FileSizeBytes: size, CreationDate: '2026-01-02T00:00:00Z', parent });
  const items = [
    folder('home', 'Personal Folders', ''),
    folder('fo1', 'Reports', 'home'),
    file('fi1', 'q3.pdf', 'fo1', 2048),
    file('fi2', 'notes.txt', 'home', 12),
    folder('fo2', 'Shared', 'home'),
  ];
  const notFound = { status: 404, body: { code: 'NotFound', message: { lang: 'en-US', value: 'Item not found' }, reason: 'NotFound' } };
  const strip = ({ parent: _parent, ...item }: (typeof items)[number]) => item;
  const pathOf = (item: (typeof items)[number]): string => {
    const parent = items.find((i) => i.Id === item.parent);
    return parent && parent.Id !== 'home' ? `${pathOf(parent)}/${item.Name}` : `/${item.Name}`;
  };
  let nextId = 10;
  const server = new FakeServer((headers) => oauth.accepts(headers.authorization, 'Bearer'))
    .route('GET', /^\/sf\/v3\/Items\(([^)]+)\)\/Children$/, (req, m) => {
      if (!items.some((i) => i.Id === m[1])) return notFound;
      const all = items.filter((i) => i.parent === m[1]);
      const skip = Number(req.query.$skip ?? 0);
      const top = Number(req.query.$top ?? 500);
      const page = all.slice(skip, skip + top);
      return { body: { 'odata.metadata': 'https://fake/sf/v3/$metadata#Items', 'odata.count': all.length, value: page.map(strip), ...(skip + top < all.length ? { 'odata.nextLink': `Items(${m[1]})/Children?$skip=${skip + top}` } : {}) } };
    })
    .route('GET', /^\/sf\/v3\/Items\/ByPath$/, (req) => {
      const item = items.find((i) => pathOf(i) === req.query.path);
      return item ? { body: strip(item) } : notFound;
    })
    .route('GET', /^\/sf\/v3\/Items\(([^)]+)\)$/, (_req, m) => {
      const item = items.find((i) => i.Id === m[1]);
      return item ? { body: strip(item) } : notFound;
    })
    .route('POST', /^\/sf\/v3\/Items\(([^)]+)\)\/Folder$/, (req, m) => {
      if (!items.some((i) => i.Id === m[1])) return notFound;
      const name = (req.body as { Name?: string }).Name;
      if (!name) return { status: 400, body: { code: 'BadRequest', message: { lang: 'en-US', value: 'Name is required' } } };
      if (items.some((i) => i.parent === m[1] && i.Name === name)) return { status: 409, body: { code: 'Conflict', message: { lang: 'en-US', value: 'An item with this name already exists' } } };
      const created = folder(`fo${nextId++}`, name, m[1]!);
      items.push(created);
      return { body: strip(created) };
    });
  oauth.mount(server, /^\/oauth\/token$/);
  return { server, oauth };
}
