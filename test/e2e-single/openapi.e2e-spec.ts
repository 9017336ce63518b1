/**
 * The OpenAPI document at /docs-json, checked against standard tools and against the server
 * itself. Every check walks whatever the document holds (no fixed list of operations), so a
 * route added later is checked the day it is documented.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { ADMIN, ADMIN_ENV, login, registerUser, setRole, type TestUser } from '../helpers/syncello.js';
import { claimsFor, ownSigningKey, signRs256, signup, type SynqAccount } from '../helpers/synq.js';
import { asBearer } from '../helpers/tokens.js';
import { createFakePodio } from '../fakes/fake-podio.server.js';
import { createFakeShareFile } from '../fakes/fake-sharefile.server.js';
import { createFakeTape, TAPE_API_KEY } from '../fakes/fake-tape.server.js';
import { fakePlatformsEnv } from '../fakes/fake-oauth.js';
import type { FakeServer } from '../fakes/fake-server.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;
const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

interface Operation {
  method: string;
  path: string;
  op: Json;
  label: string;
}

describe('OpenAPI document', () => {
  let database: TestDatabase;
  let t: TestApp;
  /** A second instance on the same database with the sign-in limit at 1 per minute (its 429). */
  let limited: TestApp;
  let fakes: FakeServer[];
  let doc: Json;
  let operations: Operation[];
  /** A member with every platform connected to the fakes (API key for tools). */
  let member: TestUser;
  /** A member with nothing connected (connections, key regeneration happen to them). */
  let other: TestUser;
  let viewer: TestUser;
  /** A member with nothing connected and a key nobody regenerates (403 on tools). */
  let bare: TestUser;
  let fakeOf: Record<string, FakeServer>;
  let adminSession: string;
  let synqAdmin: SynqAccount;
  /** Signs out everywhere (POST /api/v1/auth/logout-all revokes its tokens), so never the admin above. */
  let synqLeaver: SynqAccount;

  beforeAll(async () => {
    database = await createTestDatabase();
    const tape = createFakeTape();
    const podio = createFakePodio();
    const sharefile = createFakeShareFile();
    fakes = [tape, podio.server, sharefile.server];
    fakeOf = { tape, podio: podio.server, sharefile: sharefile.server };
    const [tapeUrl, podioUrl, sharefileUrl] = await Promise.all(fakes.map((f) => f.start()));
    t = await startApp(database, {
      ...ADMIN_ENV,
      ...fakePlatformsEnv({ tape: tapeUrl!, podio: podioUrl!, sharefile: sharefileUrl! }),
      PLATFORM_TIMEOUT_MS: '300',
    });
    limited = await startApp(database, { RATE_LIMIT_AUTH_PER_MINUTE: '1' });
    doc = (await t.http.get('/docs-json').expect(200)).body as Json;
    operations = Object.entries(doc.paths as Json).flatMap(([p, item]) =>
      METHODS.filter((m) => item[m]).map((method) => ({ method, path: p, op: item[method] as Json, label: `${method.toUpperCase()} ${p}` })),
    );
    member = await registerUser(t);
    other = await registerUser(t);
    viewer = await registerUser(t);
    bare = await registerUser(t);
    await setRole(t, viewer.id, 'viewer');
    adminSession = await login(t, ADMIN.email, ADMIN.password);
    const connect = (who: TestUser, platform: string, body: object) =>
      t.http.put(`/v1/account/connections/${platform}`).set(asBearer(who.sessionToken)).send(body).expect(200);
    for (const who of [member, viewer]) {
      await connect(who, 'tape', { apiKey: TAPE_API_KEY });
      await connect(who, 'podio', { accessToken: podio.oauth.accessToken, refreshToken: podio.oauth.refreshToken });
      await connect(who, 'sharefile', { subdomain: 'acme', accessToken: sharefile.oauth.accessToken, refreshToken: sharefile.oauth.refreshToken });
    }
    synqAdmin = await signup(t, 'Docs Org');
    synqLeaver = await signup(t, 'Leaving Org');
  });

  afterAll(async () => {
    await limited?.close();
    await t?.close();
    await Promise.all((fakes ?? []).map((f) => f.stop()));
    await database?.drop().catch(() => undefined);
  });

  describe('is valid', () => {
    it('OpenAPI 3.x by @seriousme/openapi-schema-validator, with no error', async () => {
      const result = await new Validator().validate(structuredClone(doc));
      expect(result.errors ?? []).toEqual([]);
      expect(result.valid).toBe(true);
      expect(doc.openapi).toMatch(/^3\./);
    });

    it('spectral:oas reports no error', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'openapi-lint-'));
      try {
        writeFileSync(path.join(dir, 'openapi.json'), JSON.stringify(doc));
        writeFileSync(path.join(dir, '.spectral.json'), JSON.stringify({ extends: ['spectral:oas'] }));
        const bin = path.resolve('node_modules/.bin/spectral');
        const output = await promisify(execFile)(bin, ['lint', '--ruleset', '.spectral.json', '--format', 'json', '--quiet', 'openapi.json'], { cwd: dir }).then(
          (r) => r.stdout,
          (e: { stdout?: string }) => e.stdout ?? '[]',
        );
        const problems = JSON.parse(output.slice(output.indexOf('[')) || '[]') as Array<{ severity: number; code: string; message: string; path: string[] }>;
        const errors = problems.filter((p) => p.severity === 0).map((p) => `${p.code} at ${p.path.join('.')}: ${p.message}`);
        expect(errors).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);

    it('declares every tag it uses, has servers, and a summary on every operation', () => {
      const declared = new Set((doc.tags as Array<{ name: string }>).map((tag) => tag.name));
      expect(operations.flatMap((o) => (o.op.tags as string[]).filter((tag) => !declared.has(tag)).map((tag) => `${o.label}: ${tag}`))).toEqual([]);
      expect(operations.filter((o) => !o.op.summary).map((o) => o.label)).toEqual([]);
      expect(doc.servers).toEqual([{ url: '/', description: 'This server' }]);
    });

    it('documents every tool as its own operation, and the connection body per platform', async () => {
      const tools = (await t.http.get('/v1/tools').set(asBearer(member.apiKey)).expect(200)).body.data.tools as Array<{ platform: string; name: string }>;
      for (const tool of tools) {
        const operation = doc.paths[`/v1/tools/${tool.platform}/${tool.name}`]?.post;
        expect(operation?.tags).toEqual([`syncello: tools: ${tool.platform}`]);
        // its structured result is described field by field, not as a free-form object
        expect(operation.responses['200'].content['application/json'].schema.properties.data.oneOf[1].properties).toBeDefined();
      }
      for (const platform of ['tape', 'podio', 'sharefile']) expect(doc.paths[`/v1/account/connections/${platform}`]?.put?.requestBody).toBeDefined();
    });
  });

  /** The token an operation's security scheme wants, for the given role. */
  function tokenFor(o: Operation, role: 'normal' | 'viewer' = 'normal'): string | undefined {
    const scheme = Object.keys((o.op.security as Json[] | undefined)?.[0] ?? {})[0];
    if (scheme === 'syncello-api-key') return role === 'viewer' ? viewer.apiKey : member.apiKey;
    if (scheme === 'syncello-session') return o.path.startsWith('/v1/admin') ? adminSession : other.sessionToken;
    if (scheme === 'synq-id-token') return o.path === '/api/v1/auth/logout-all' ? synqLeaver.idToken : synqAdmin.idToken;
    return undefined;
  }

  /** A fresh resource for each path parameter, so a request that consumes it (DELETE) never spoils the next. */
  async function concretePath(o: Operation): Promise<string> {
    let result = o.path;
    for (const [, name] of o.path.matchAll(/\{(\w+)\}/g)) {
      let value: string;
      if (name === 'platform') value = 'tape';
      else if (name === 'tool') value = 'listApps';
      else if (o.path.startsWith('/v1/admin/users')) value = (await registerUser(t)).id;
      else if (o.path.startsWith('/api/v1/products')) {
        value = (await t.http.post('/api/v1/products').set(asBearer(synqAdmin.idToken)).send({ title: 'Walked' }).expect(201)).body.id as string;
      } else if (o.path.startsWith('/api/v1/organization/members')) {
        const invited = await t.http.post('/api/v1/organization/members').set(asBearer(synqAdmin.idToken)).send({ email: `w-${randomUUID()}@example.org`, role: 'VIEWER' }).expect(201);
        value = invited.body.uid as string;
      } else throw new Error(`no value for {${name}} in ${o.label}: teach concretePath`);
      result = result.replace(`{${name}}`, value);
    }
    return result;
  }

  /** Bodies that only an earlier call can give (a refresh or invite token): a fresh one each time. */
  async function bodyFor(o: Operation): Promise<unknown> {
    const media = o.op.requestBody?.content?.['application/json'] as Json | undefined;
    if (!media) return undefined;
    if (media.example !== undefined) return media.example;
    // Several named examples (the MCP route's JSON-RPC methods): the first one.
    const named = media.examples as Record<string, { value: unknown }> | undefined;
    if (named && Object.keys(named).length > 0) return Object.values(named)[0]!.value;
    if (o.path === '/api/v1/auth/refresh' || o.path === '/api/v1/auth/logout') return { refreshToken: (await signup(t)).refreshToken };
    if (o.path === '/api/v1/auth/accept-invite') {
      const invited = await t.http.post('/api/v1/organization/members').set(asBearer(synqAdmin.idToken)).send({ email: `i-${randomUUID()}@example.org`, role: 'VIEWER' }).expect(201);
      return { inviteToken: invited.body.inviteToken, password: 'a long enough password' };
    }
    throw new Error(`${o.label} has a request body but no example: add examples to its DTO (or teach bodyFor)`);
  }

  /**
   * The examples test already created what an example names (an account, a folder): the walk
   * sends the same example with a new email where the operation creates something (201) and a
   * new folder `name`, so it succeeds again.
   */
  function freshen(o: Operation, body: unknown): unknown {
    if (body === null || typeof body !== 'object') return body;
    const copy = { ...(body as Json) };
    if (typeof copy.email === 'string' && successOf(o) === 201) copy.email = `w-${randomUUID()}@example.org`;
    if (typeof copy.name === 'string') copy.name = `${copy.name} ${randomUUID().slice(0, 8)}`;
    return copy;
  }

  function send(o: Operation, url: string, options: { token?: string; body?: unknown; contentType?: string; raw?: string; via?: TestApp } = {}) {
    let req = ((options.via ?? t).http as unknown as Record<string, (u: string) => import('supertest').Test>)[o.method]!(url);
    if (options.token) req = req.set(asBearer(options.token));
    // The MCP transport answers only a client that accepts both of its answer forms (406 otherwise).
    if (url.startsWith('/v1/mcp')) req = req.set('Accept', 'application/json, text/event-stream');
    if (options.raw !== undefined) return req.set('Content-Type', options.contentType ?? 'application/json').send(options.raw);
    if (options.body !== undefined) req = req.send(options.body as object);
    return req;
  }

  const successOf = (o: Operation) => Math.min(...Object.keys(o.op.responses as Json).map(Number).filter((s) => s >= 200 && s < 300));

  describe('examples that work', () => {
    it('every request example, sent as is with the right token, succeeds (in document order)', async () => {
      const failures: string[] = [];
      for (const o of operations) {
        const example = o.op.requestBody?.content?.['application/json']?.example;
        if (example === undefined) continue;
        const response = await send(o, await concretePath(o), { token: tokenFor(o), body: example });
        if (response.status !== successOf(o)) failures.push(`${o.label} ${JSON.stringify(example)}: ${response.status} ${JSON.stringify(response.body)}`);
      }
      expect(failures).toEqual([]);
    });

    it('no example reuses the README emails', () => {
      expect(JSON.stringify(doc)).not.toMatch(/(ada|grace)@example\.com/);
    });
  });

  // Runs after 'examples that work' (the file's order): the sign-in examples use the accounts its register/signup examples made.
  describe('responses match the document', () => {
    const validators = new Map<string, ValidateFunction>();
    function validatorFor(schema: Json): ValidateFunction {
      const key = JSON.stringify(schema);
      let validate = validators.get(key);
      if (!validate) {
        const ajv = new Ajv({ strict: false, allErrors: true });
        addFormats(ajv);
        validate = ajv.compile(closed({ ...structuredClone(schema), components: structuredClone(doc.components) }));
        validators.set(key, validate);
      }
      return validate;
    }

    /**
     * The schema as a response check: an object schema that names its properties names all of
     * them (a field the document does not describe is an error), unless it says otherwise.
     */
    function closed(node: unknown): Json {
      if (Array.isArray(node)) node.forEach(closed);
      else if (node !== null && typeof node === 'object') {
        const schema = node as Json;
        if (schema.properties && schema.additionalProperties === undefined) schema.additionalProperties = false;
        Object.values(schema).forEach(closed);
      }
      return node as Json;
    }

    /** An object schema that says nothing of its fields: `additionalProperties: true` is the way to say "free-form" on purpose. */
    function looseSpots(node: unknown, at: string, refs: Set<string> = new Set()): string[] {
      if (Array.isArray(node)) return node.flatMap((n, i) => looseSpots(n, `${at}/${i}`, refs));
      if (node === null || typeof node !== 'object') return [];
      const schema = node as Json;
      if (typeof schema.$ref === 'string') {
        if (refs.has(schema.$ref)) return [];
        refs.add(schema.$ref);
        return looseSpots(doc.components.schemas[schema.$ref.split('/').pop()!], schema.$ref, refs);
      }
      const own = schema.type === 'object' && !schema.properties && schema.additionalProperties === undefined ? [at] : [];
      const nested = Object.entries(schema)
        .filter(([key]) => key !== 'example')
        .flatMap(([key, value]) => looseSpots(value, `${at}/${key}`, refs));
      return [...own, ...nested];
    }

    it('describes every response body: no object schema without its fields', () => {
      const loose = operations.flatMap((o) =>
        Object.entries(o.op.responses as Json).flatMap(([status, r]) => looseSpots((r as Json).content?.['application/json']?.schema, `${o.label} ${status}`)),
      );
      expect(loose).toEqual([]);
    });

    /**
     * How to make an operation answer each documented status with a real request. 500 and 503
     * (a fault, an unreachable database) are provoked by faults.e2e-spec.ts and
     * database-frozen.e2e-spec.ts; here only their schemas are shared by every route.
     */
    const PROVOKE: Record<string, (o: Operation, url: string) => Promise<import('supertest').Response | undefined>> = {
      success: async (o, url) => send(o, url, { token: tokenFor(o), body: freshen(o, await bodyFor(o)) }),
      400: async (o, url) => {
        if (o.op.requestBody) {
          const body = await bodyFor(o);
          return send(o, url, { token: tokenFor(o), body: { ...(body as object), unexpected_field: 1 } });
        }
        const query = (o.op.parameters as Json[] | undefined)?.find((p) => p.in === 'query');
        if (query) return send(o, `${url}?${query.name}=-1x`, { token: tokenFor(o) });
        // A POST without a body of its own still has its body parsed: malformed JSON is a 400.
        if (o.method === 'post') return send(o, url, { token: tokenFor(o), raw: '{oops' });
        return undefined;
      },
      // The operation exists only to say which method to use instead.
      405: async (o, url) => send(o, url, { token: tokenFor(o) }),
      // The MCP transport refuses a client that does not accept both JSON and an event stream.
      406: async (o, url) =>
        (t.http as unknown as Record<string, (u: string) => import('supertest').Test>)[o.method]!(url)
          .set(asBearer(tokenFor(o)!))
          .set('Accept', 'application/json')
          .send((await bodyFor(o)) as object),
      401: async (o, url) => {
        if (o.op.security) return send(o, url, { body: await bodyFor(o) });
        const body = (await bodyFor(o)) as Json;
        if (body?.password) return send(o, url, { body: { ...body, email: `nobody-${randomUUID()}@example.org`, password: 'not the password at all' } });
        if (body?.refreshToken) return send(o, url, { body: { refreshToken: 'not-a-refresh-token' } });
        return undefined;
      },
      403: async (o, url) => {
        if (o.path.startsWith('/v1/admin')) return send(o, url, { token: member.sessionToken, body: await bodyFor(o) });
        if (o.path.startsWith('/v1/tools/')) return send(o, url, { token: bare.apiKey, body: await bodyFor(o) });
        if (o.path.startsWith('/api/v1/')) {
          const noTenant = signRs256(ownSigningKey(t.app), claimsFor(synqAdmin, { tenantid: undefined }));
          return send(o, url, { token: noTenant, body: await bodyFor(o) });
        }
        return undefined;
      },
      404: async (o, url) => {
        const body = await bodyFor(o);
        if (o.path.includes('{')) {
          const missing = o.path.replace(/\{platform\}/, 'nope').replace(/\{tool\}/, 'nope').replace(/\{\w+\}/g, '0193a5c2-7d1e-7c3a-9b1e-2f0a4c8d9e10');
          return send(o, missing, { token: tokenFor(o), body });
        }
        return platformAnswers(o, url, { status: 404 });
      },
      // Sign-in routes: the second request within the minute on the instance limited to one.
      429: async (o, url) => {
        if (!o.path.includes('/auth/')) return platformAnswers(o, url, { status: 429, headers: { 'Retry-After': '7' } });
        await send(o, url, { token: tokenFor(o), body: freshen(o, await bodyFor(o)), via: limited });
        return send(o, url, { token: tokenFor(o), body: freshen(o, await bodyFor(o)), via: limited });
      },
      502: (o, url) => platformAnswers(o, url, { status: 500 }),
      504: (o, url) => platformAnswers(o, url, { status: 200, delayMs: 600 }),
      409: async (o, url) => {
        if (o.path === '/v1/admin/users/{id}') {
          const adminId = ((await t.http.get('/v1/admin/users').set(asBearer(adminSession))).body.data.users as Array<{ id: string; email: string }>).find((u) => u.email === ADMIN.email)!.id;
          return send(o, url.replace(/[^/]+$/, adminId), { token: adminSession, body: { role: 'member' } });
        }
        if (o.path.startsWith('/api/v1/organization/members/{uid}')) return send(o, url.replace(/[^/]+$/, synqAdmin.uid), { token: synqAdmin.idToken, body: o.method === 'patch' ? { role: 'VIEWER' } : undefined });
        const body = await bodyFor(o);
        const exists = o.path.startsWith('/v1/') ? member.email : synqAdmin.email;
        return send(o, url, { token: tokenFor(o), body: { ...(body as object), email: exists } });
      },
      413: async (o, url) => send(o, url, { token: tokenFor(o), raw: `{"a":"${'x'.repeat(10 * 1024 * 1024 + 1)}"}` }),
      415: async (o, url) => send(o, url, { token: tokenFor(o), raw: 'hello', contentType: 'text/plain' }),
    };
    const NOT_WALKED = new Set(['500', '503']);

    /** A tool operation whose platform answers `failure` (the fakes speak the platform's API; this scripts its next answer). */
    async function platformAnswers(o: Operation, url: string, failure: { status: number; delayMs?: number; headers?: Record<string, string> }) {
      const platform = /^\/v1\/tools\/(\w+)\//.exec(url)?.[1];
      if (!platform || !fakeOf[platform]) return undefined;
      const body = freshen(o, await bodyFor(o));
      fakeOf[platform].failNext(failure);
      try {
        return await send(o, url, { token: tokenFor(o), body });
      } finally {
        fakeOf[platform].reset();
      }
    }

    it('every documented operation answers each provokable documented status with a body its schema accepts, and nothing undocumented', async () => {
      const problems: string[] = [];
      const walked: string[] = [];
      for (const o of operations) {
        const variants = ((o.op.parameters ?? []) as Json[])
          .filter((p) => p.in === 'query' && !p.required && Array.isArray(p.schema?.enum))
          .flatMap((p) => (p.schema.enum as string[]).filter((v) => v !== p.schema.default).map((v) => `success?${p.name}=${v}`));
        for (const status of ['success', ...variants, ...Object.keys(o.op.responses as Json).filter((s) => Number(s) >= 300)]) {
          if (NOT_WALKED.has(status)) continue;
          // An operation with no success (GET /v1/mcp: 405 only) is walked through its errors.
          if (status === 'success' && !Number.isFinite(successOf(o))) continue;
          const query = status.startsWith('success?') ? status.slice('success'.length) : '';
          const provoke = query ? (op: Operation, url: string) => PROVOKE.success!(op, url + query) : PROVOKE[status];
          if (!provoke) {
            problems.push(`${o.label}: no way to provoke ${status} (teach PROVOKE)`);
            continue;
          }
          const response = await provoke(o, await concretePath(o));
          if (!response) {
            problems.push(`${o.label}: documents ${status}, but no request provokes it`);
            continue;
          }
          const expected = status.startsWith('success') ? successOf(o) : Number(status);
          const documented = (o.op.responses as Json)[String(response.status)] as Json | undefined;
          if (!documented) {
            problems.push(`${o.label} (${status}): answered undocumented ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`);
            continue;
          }
          if (response.status !== expected) problems.push(`${o.label}: wanted ${expected}, got ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`);
          const schema = documented.content?.['application/json']?.schema as Json | undefined;
          if (!schema) {
            if (response.text) problems.push(`${o.label} ${response.status}: a body the document does not describe`);
            continue;
          }
          const validate = validatorFor(schema);
          if (!validate(response.body)) problems.push(`${o.label} ${response.status}: ${JSON.stringify(validate.errors).slice(0, 300)} in ${JSON.stringify(response.body).slice(0, 200)}`);
          walked.push(`${o.label} ${response.status}`);
        }
      }
      expect(problems).toEqual([]);
      expect(walked.length).toBeGreaterThan(operations.length);
    }, 240_000);
  });
});
