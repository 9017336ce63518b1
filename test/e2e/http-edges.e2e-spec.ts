import { useTestApp } from '../helpers/app.js';
import { syncelloError } from '../helpers/fixtures.js';
import { registerUser, type TestUser } from '../helpers/syncello.js';
import { listen, sendRaw } from '../helpers/raw-http.js';
import { asBearer } from '../helpers/tokens.js';

describe('HTTP edges (both surfaces)', () => {
  const t = useTestApp();
  let user: TestUser;

  beforeAll(async () => {
    user = await registerUser(t);
  });

  describe('request id', () => {
    it('every response carries one; a sane one is echoed', async () => {
      const generated = await t.http.get('/health');
      expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const echoed = await t.http.get('/v1/nope').set('X-Request-Id', 'client-req.42');
      expect(echoed.headers['x-request-id']).toBe('client-req.42');
      const insane = await t.http.get('/health').set('X-Request-Id', 'a b<script>');
      expect(insane.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('unknown routes', () => {
    it('404 in the Syncello shape under /v1', async () => {
      const response = await t.http.get('/v1/does/not/exist?x=1');
      expect(response.status).toBe(404);
      expect(response.body).toEqual(syncelloError('NOT_FOUND', 'No route for GET /v1/does/not/exist'));
    });

    it('404 in the Synq shape under /api/v1', async () => {
      const response = await t.http.delete('/api/v1/nothing');
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: 'Not Found: No route for DELETE /api/v1/nothing' });
    });

    it('404 elsewhere in the plain shape', async () => {
      const response = await t.http.get('/favicon.ico');
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: 'Not Found: No route for GET /favicon.ico' });
    });

    it('an unknown path is 404 whatever the method', async () => {
      const response = await t.http.put('/api/v1/products/1/nope');
      expect(response.status).toBe(404);
      expect(response.headers.allow).toBeUndefined();
      expect(response.body).toEqual({ error: 'Not Found: No route for PUT /api/v1/products/1/nope' });
    });
  });

  // Changed on purpose (issue 12): a known path asked with a method it does not serve was a 404.
  describe('wrong method: 405 with Allow', () => {
    const call = (method: string, path: string) => t.http[method.toLowerCase() as 'get'](path);
    let port: number | undefined;
    // Methods supertest cannot send go over a raw socket.
    const ensureListening = async () => (port ??= await listen(t.app));

    it('under /v1 in the Syncello shape', async () => {
      const response = await call('DELETE', '/v1/auth/register?x=1').set('X-Request-Id', 'wrong-method.1');
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('POST');
      expect(response.headers['x-request-id']).toBe('wrong-method.1');
      expect(response.body).toEqual(syncelloError('METHOD_NOT_ALLOWED', 'DELETE is not allowed on /v1/auth/register; allowed: POST'));
    });

    it('a GET route allows HEAD too', async () => {
      const response = await call('POST', '/v1/tools');
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('GET, HEAD');
      expect(response.body).toEqual(syncelloError('METHOD_NOT_ALLOWED', 'POST is not allowed on /v1/tools; allowed: GET, HEAD'));
      const head = await t.http.head('/health');
      expect(head.status).toBe(200);
    });

    it('a parametrised path under /api/v1 in the Synq shape', async () => {
      const response = await call('PUT', '/api/v1/products/0190b8a0-0000-7000-8000-000000000000');
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('GET, HEAD, PATCH, DELETE');
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.body).toEqual({
        error: 'Method Not Allowed: PUT is not allowed on /api/v1/products/0190b8a0-0000-7000-8000-000000000000; allowed: GET, HEAD, PATCH, DELETE',
      });
    });

    it('POST on the tool route is served, GET is not', async () => {
      const response = await call('GET', '/v1/tools/tape/listApps');
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('POST');
      expect(response.body).toEqual(syncelloError('METHOD_NOT_ALLOWED', 'GET is not allowed on /v1/tools/tape/listApps; allowed: POST'));
    });

    it('OPTIONS is not served either (no CORS): 405 with Allow', async () => {
      const response = await t.http.options('/api/v1/products');
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('GET, HEAD, POST');
      expect(response.body).toEqual({ error: 'Method Not Allowed: OPTIONS is not allowed on /api/v1/products; allowed: GET, HEAD, POST' });
    });

    it.each(['TRACE', 'QUERY', 'PROPFIND'])('%s /health in the plain shape', async (method) => {
      const port = await ensureListening();
      const response = await sendRaw(port, `${method} /health HTTP/1.1\r\nHost: x\r\nX-Request-Id: raw.${method}\r\nConnection: close`);
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('GET, HEAD');
      expect(response.headers['x-request-id']).toBe(`raw.${method}`);
      expect(response.body).toEqual({ error: `Method Not Allowed: ${method} is not allowed on /health; allowed: GET, HEAD` });
    });

    it('QUERY /v1/tools in the Syncello shape', async () => {
      const port = await ensureListening();
      const response = await sendRaw(port, 'QUERY /v1/tools HTTP/1.1\r\nHost: x\r\nConnection: close');
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('GET, HEAD');
      expect(response.body).toEqual(syncelloError('METHOD_NOT_ALLOWED', 'QUERY is not allowed on /v1/tools; allowed: GET, HEAD'));
    });
  });

  describe('bodies', () => {
    const send = (path: string, contentType: string, body: string | Buffer, token?: string) => {
      const call = t.http.post(path).set('Content-Type', contentType);
      if (token) call.set(asBearer(token));
      return call.send(body);
    };

    it.each([undefined, 'key'] as const)('400 for malformed JSON (token: %s)', async (withToken) => {
      const response = await send('/v1/tools/tape/listApps', 'application/json', '{"workspace_id":', withToken ? user.apiKey : undefined);
      expect(response.status).toBe(400);
      expect(response.body).toEqual(syncelloError('VALIDATION_ERROR', 'Malformed JSON body'));
    });

    it('400 for malformed JSON under /api/v1 in the Synq shape', async () => {
      const response = await send('/api/v1/products', 'application/json', '{oops');
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error: 'Bad Request: Malformed JSON body' });
    });

    it('400 for a prototype-poisoning body', async () => {
      const response = await send('/v1/auth/register', 'application/json', '{"__proto__":{"role":"admin"},"email":"p@example.com","password":"correct horse battery"}');
      expect(response.status).toBe(400);
      expect(response.body.success).toBe(false);
    });

    it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])('415 for Content-Type %s', async (type) => {
      const response = await send('/v1/auth/register', type, 'email=a@example.com');
      expect(response.status).toBe(415);
      expect(response.body).toEqual(syncelloError('UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json'));
    });

    it('415 in the Synq shape', async () => {
      const response = await send('/api/v1/products', 'text/plain', 'hello');
      expect(response.status).toBe(415);
      expect(response.body).toEqual({ error: 'Unsupported Media Type: Content-Type must be application/json' });
    });

    it('Synq validation errors come out in the Synq shape, whether or not a token came with it', async () => {
      const response = await send('/api/v1/auth/login', 'application/json', JSON.stringify({ email: 'a@example.com', password: 'x', extra: 1 }));
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error: 'Bad Request: extra: is not allowed' });
    });

    it('413 for a body over 10 MB, in each shape', async () => {
      const big = Buffer.alloc(10 * 1024 * 1024 + 10, 'a');
      const syncello = await send('/v1/auth/register', 'application/json', big);
      expect(syncello.status).toBe(413);
      expect(syncello.body).toEqual(syncelloError('PAYLOAD_TOO_LARGE', 'Request body exceeds the 10 MB limit'));
      const synq = await send('/api/v1/products', 'application/json', big);
      expect(synq.status).toBe(413);
      expect(synq.body).toEqual({ error: 'Content Too Large: Request body exceeds the 10 MB limit' });
    });

    it('400 for an empty body declared as JSON', async () => {
      const response = await send('/v1/auth/login', 'application/json', '');
      expect(response.status).toBe(400);
      expect(response.body).toEqual(syncelloError('VALIDATION_ERROR', 'Body must not be empty when Content-Type is application/json'));
    });
  });

  describe('health and docs', () => {
    it('GET /health and /health/ready', async () => {
      expect((await t.http.get('/health')).body).toEqual({ status: 'ok' });
      const ready = await t.http.get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({ status: 'ok', database: t.database.kind });
    });

    it('/docs-json declares the bearer schemes and documents the errors of every /v1 route', async () => {
      const response = await t.http.get('/docs-json');
      expect(response.status).toBe(200);
      const doc = response.body as {
        components: { securitySchemes: Record<string, { type: string; scheme: string }> };
        paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>>;
      };
      expect(doc.components.securitySchemes['syncello-api-key']).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(doc.components.securitySchemes['syncello-session']).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(doc.components.securitySchemes['synq-id-token']).toMatchObject({ type: 'http', scheme: 'bearer' });
      for (const [path, operations] of Object.entries(doc.paths).filter(([p]) => p.startsWith('/v1/') || p.startsWith('/api/v1/'))) {
        for (const [method, operation] of Object.entries(operations)) {
          const where = `${method.toUpperCase()} ${path}`;
          expect([where, Object.keys(operation.responses).includes('500')]).toEqual([where, true]);
          if (operation.security) expect([where, Object.keys(operation.responses).includes('401')]).toEqual([where, true]);
        }
      }
      expect(doc.paths['/v1/tools/{platform}/{tool}']!.post!.security).toEqual([{ 'syncello-api-key': [] }]);
      expect(doc.paths['/v1/account']!.get!.security).toEqual([{ 'syncello-session': [] }]);
      // Each tool's input is described in the tool route's request body (one schema per tool; issue 12: `anyOf` of references).
      const toolBody = (doc.paths['/v1/tools/{platform}/{tool}']!.post as unknown as { requestBody: { content: { 'application/json': { schema: { anyOf: Array<{ $ref: string }> } } } } }).requestBody;
      const inputs = toolBody.content['application/json'].schema.anyOf.map((s) => s.$ref.replace('#/components/schemas/ToolInput.', '').replace('.', '/'));
      expect(inputs).toHaveLength(16);
      expect(inputs).toEqual(expect.arrayContaining(['tape/listApps', 'podio/filterItems', 'sharefile/createFolder']));
      const products = doc.paths['/api/v1/products']!.get!;
      expect(products.security).toEqual([{ 'synq-id-token': [] }]);
      expect(products.responses['401']).toMatchObject({ content: { 'application/json': { example: { error: 'Unauthorized: Missing or invalid Authorization header' } } } });
      expect(Object.keys(products.responses)).toEqual(expect.arrayContaining(['200', '401', '403', '500']));
    });

    it('/docs serves Swagger UI', async () => {
      const response = await t.http.get('/docs').redirects(1);
      expect(response.status).toBe(200);
      expect(response.text).toContain('swagger');
    });
  });
});
