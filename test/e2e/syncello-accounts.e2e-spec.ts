import { randomUUID } from 'node:crypto';
import { useTestApp } from '../helpers/app.js';
import { FORBIDDEN, INVALID_CREDENTIALS, syncelloError, UNAUTHORIZED } from '../helpers/fixtures.js';
import { ADMIN, ADMIN_ENV, login, PASSWORD, registerUser, setRole } from '../helpers/syncello.js';
import { asBearer, claimsOf } from '../helpers/tokens.js';

describe('Syncello accounts', () => {
  const t = useTestApp(ADMIN_ENV);

  describe('POST /v1/auth/register', () => {
    it('201 with the user (a member) and an API key that works', async () => {
      const response = await t.http.post('/v1/auth/register').send({ email: '  Grace@Example.COM ', password: PASSWORD });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        success: true,
        data: { user: { id: expect.stringMatching(/^[0-9a-f-]{36}$/), email: 'grace@example.com', role: 'member' }, apiKey: expect.any(String) },
      });
      const { user, apiKey } = response.body.data as { user: { id: string }; apiKey: string };
      expect(claimsOf(apiKey)).toEqual({ sub: user.id, iat: expect.any(Number), iss: 'syncello' });
      await t.http.get('/v1/tools').set(asBearer(apiKey)).expect(200);
    });

    it('409 CONFLICT when the email exists, whatever its case', async () => {
      await t.http.post('/v1/auth/register').send({ email: 'twice@example.com', password: PASSWORD }).expect(201);
      const response = await t.http.post('/v1/auth/register').send({ email: 'TWICE@example.com', password: PASSWORD });
      expect(response.status).toBe(409);
      expect(response.body).toEqual(syncelloError('CONFLICT', 'An account with this email already exists'));
    });

    it.each([
      [{ email: 'short@example.com', password: 'eleven char' }, [{ field: 'password', message: 'must be at least 12 characters' }]],
      [{ email: 'not-an-email', password: PASSWORD }, [{ field: 'email', message: 'must be an email address' }]],
      [{ email: 'x@example.com', password: PASSWORD, role: 'admin' }, [{ field: 'role', message: 'is not allowed' }]],
    ])('400 VALIDATION_ERROR for %j', async (body, details) => {
      const response = await t.http.post('/v1/auth/register').send(body);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        success: false,
        error: { code: 'VALIDATION_ERROR', message: details.map((d) => `${d.field}: ${d.message}`).join('; '), details },
      });
    });

    it('400 for a body that is not an object', async () => {
      const response = await t.http.post('/v1/auth/register').send([{ email: 'a@example.com', password: PASSWORD }]);
      expect(response.status).toBe(400);
      expect(response.body).toEqual(syncelloError('VALIDATION_ERROR', 'Request body must be a JSON object'));
    });
  });

  describe('POST /v1/auth/login', () => {
    it('200 with a 15-minute session token that is not an API key', async () => {
      const user = await registerUser(t);
      const response = await t.http.post('/v1/auth/login').send({ email: user.email.toUpperCase(), password: PASSWORD });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ success: true, data: { sessionToken: expect.any(String), expiresIn: 900 } });
      const claims = claimsOf(response.body.data.sessionToken as string);
      expect(claims).toEqual({ sub: user.id, iat: expect.any(Number), exp: (claims.iat as number) + 900, iss: 'syncello', aud: 'syncello-dashboard' });
      const asKey = await t.http.get('/v1/tools').set(asBearer(response.body.data.sessionToken as string));
      expect(asKey.status).toBe(401);
      expect(asKey.body).toEqual(UNAUTHORIZED);
    });

    it('401 with the same body for a wrong password and an unknown email', async () => {
      const user = await registerUser(t);
      for (const body of [
        { email: user.email, password: 'wrong password!!' },
        { email: `nobody-${randomUUID()}@example.com`, password: PASSWORD },
      ]) {
        const response = await t.http.post('/v1/auth/login').send(body);
        expect(response.status).toBe(401);
        expect(response.body).toEqual(INVALID_CREDENTIALS);
      }
    });

    it('400 for a missing password', async () => {
      const response = await t.http.post('/v1/auth/login').send({ email: 'a@example.com' });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_ERROR');
    });
  });

  describe('account routes (session)', () => {
    it('GET /v1/account: user, key created-at, connected platforms, no secrets', async () => {
      const user = await registerUser(t);
      await t.http.put('/v1/account/connections/tape').set(asBearer(user.sessionToken)).send({ apiKey: 'tape-secret-value' }).expect(200);
      const response = await t.http.get('/v1/account').set(asBearer(user.sessionToken));
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        success: true,
        data: {
          user: { id: user.id, email: user.email, role: 'member', createdAt: expect.any(String) },
          apiKey: { createdAt: expect.any(String) },
          connections: [{ platform: 'tape', connectedAt: expect.any(String), updatedAt: expect.any(String) }],
        },
      });
      expect(JSON.stringify(response.body)).not.toContain('tape-secret-value');
    });

    it('GET /v1/account/api-key: a fresh key signed with the current secret', async () => {
      const user = await registerUser(t);
      const response = await t.http.get('/v1/account/api-key').set(asBearer(user.sessionToken));
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ success: true, data: { apiKey: expect.any(String) } });
      expect(claimsOf(response.body.data.apiKey as string)).toEqual({ sub: user.id, iat: expect.any(Number), iss: 'syncello' });
      await t.http.get('/v1/tools').set(asBearer(response.body.data.apiKey as string)).expect(200);
    });

    it('POST /v1/account/api-key/regenerate moves the key created-at', async () => {
      const user = await registerUser(t);
      const before = (await t.http.get('/v1/account').set(asBearer(user.sessionToken))).body.data.apiKey.createdAt as string;
      const response = await t.http.post('/v1/account/api-key/regenerate').set(asBearer(user.sessionToken));
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ success: true, data: { apiKey: expect.any(String) } });
      const after = (await t.http.get('/v1/account').set(asBearer(user.sessionToken))).body.data.apiKey.createdAt as string;
      expect(Date.parse(after)).toBeGreaterThan(Date.parse(before));
    });

    it('GET /v1/account/usage is empty for a new user', async () => {
      const user = await registerUser(t);
      const response = await t.http.get('/v1/account/usage').set(asBearer(user.sessionToken));
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ success: true, data: { lastUsedAt: null, usage: [] } });
    });
  });

  describe('connections', () => {
    it('PUT validates per platform, stores, replaces; DELETE disconnects', async () => {
      const user = await registerUser(t);
      const auth = asBearer(user.sessionToken);
      const bad = await t.http.put('/v1/account/connections/sharefile').set(auth).send({ subdomain: 'a b', accessToken: 'x' });
      expect(bad.status).toBe(400);
      expect(bad.body).toEqual({
        success: false,
        error: { code: 'VALIDATION_ERROR', message: 'subdomain: must be a subdomain such as "acme"', details: [{ field: 'subdomain', message: 'must be a subdomain such as "acme"' }] },
      });
      const extra = await t.http.put('/v1/account/connections/tape').set(auth).send({ apiKey: 'k', password: 'x' });
      expect(extra.status).toBe(400);
      expect(extra.body.error.details).toEqual([{ field: 'password', message: 'is not allowed' }]);

      const ok = await t.http.put('/v1/account/connections/podio').set(auth).send({ accessToken: 'a', refreshToken: 'r' });
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ success: true, data: { platform: 'podio', connected: true, connectedAt: expect.any(String), updatedAt: expect.any(String) } });
      await t.http.put('/v1/account/connections/podio').set(auth).send({ accessToken: 'b' }).expect(200);

      const gone = await t.http.delete('/v1/account/connections/podio').set(auth);
      expect(gone.status).toBe(200);
      expect(gone.body).toEqual({ success: true, data: { platform: 'podio', connected: false } });
      const again = await t.http.delete('/v1/account/connections/podio').set(auth);
      expect(again.status).toBe(404);
      expect(again.body).toEqual(syncelloError('NOT_FOUND', 'podio is not connected'));
    });

    it('404 for an unknown platform', async () => {
      const user = await registerUser(t);
      const response = await t.http.put('/v1/account/connections/trello').set(asBearer(user.sessionToken)).send({ apiKey: 'x' });
      expect(response.status).toBe(404);
      expect(response.body).toEqual(syncelloError('NOT_FOUND', 'Unknown platform "trello"; expected one of: tape, podio, sharefile'));
    });
  });

  describe('admin', () => {
    it('the configured admin exists on start and lists users', async () => {
      const session = await login(t, ADMIN.email, ADMIN.password);
      const response = await t.http.get('/v1/admin/users').set(asBearer(session));
      expect(response.status).toBe(200);
      const users = response.body.data.users as Array<{ email: string; role: string }>;
      expect(users[0]).toEqual({ id: expect.any(String), email: ADMIN.email, role: 'admin', createdAt: expect.any(String) });
      expect(users.every((u) => Object.keys(u).sort().join() === 'createdAt,email,id,role')).toBe(true);
    });

    it('PATCH changes a role, which applies to the next request of that user', async () => {
      const user = await registerUser(t);
      await t.http.get('/v1/admin/users').set(asBearer(user.sessionToken)).expect(403);
      const session = await login(t, ADMIN.email, ADMIN.password);
      const response = await t.http.patch(`/v1/admin/users/${user.id}`).set(asBearer(session)).send({ role: 'admin' });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ success: true, data: { user: { id: user.id, email: user.email, role: 'admin', createdAt: expect.any(String) } } });
      await t.http.get('/v1/admin/users').set(asBearer(user.sessionToken)).expect(200);
      await setRole(t, user.id, 'viewer');
      const denied = await t.http.get('/v1/admin/users').set(asBearer(user.sessionToken));
      expect(denied.status).toBe(403);
      expect(denied.body).toEqual(FORBIDDEN);
    });

    it('400 for an unknown role or a non-uuid id, 404 for an unknown user', async () => {
      const session = await login(t, ADMIN.email, ADMIN.password);
      const role = await t.http.patch(`/v1/admin/users/${randomUUID()}`).set(asBearer(session)).send({ role: 'owner' });
      expect(role.status).toBe(400);
      expect(role.body.error.details).toEqual([{ field: 'role', message: 'must be one of: admin, member, viewer' }]);
      const id = await t.http.patch('/v1/admin/users/42').set(asBearer(session)).send({ role: 'viewer' });
      expect(id.status).toBe(400);
      expect(id.body).toEqual({ success: false, error: { code: 'VALIDATION_ERROR', message: 'id must be a uuid', details: [{ field: 'id', message: 'must be a uuid' }] } });
      const missing = await t.http.patch(`/v1/admin/users/${randomUUID()}`).set(asBearer(session)).send({ role: 'viewer' });
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual(syncelloError('NOT_FOUND', 'User not found'));
    });

    it('409 when the last admin would be demoted', async () => {
      const session = await login(t, ADMIN.email, ADMIN.password);
      const users = (await t.http.get('/v1/admin/users').set(asBearer(session))).body.data.users as Array<{ id: string; role: string; email: string }>;
      // Demote every other admin first, so the configured one is the last.
      for (const u of users.filter((x) => x.role === 'admin' && x.email !== ADMIN.email)) await setRole(t, u.id, 'member');
      const adminId = users.find((u) => u.email === ADMIN.email)!.id;
      const response = await t.http.patch(`/v1/admin/users/${adminId}`).set(asBearer(session)).send({ role: 'member' });
      expect(response.status).toBe(409);
      expect(response.body).toEqual(syncelloError('CONFLICT', 'The last admin cannot be demoted'));
    });
  });
});
