import { useTestApp } from '../helpers/app.js';
import { PASSWORD } from '../helpers/syncello.js';
import { addMember, signup, synqError, SYNQ_AUDIENCE, SYNQ_ISSUER } from '../helpers/synq.js';
import { asBearer, claimsOf } from '../helpers/tokens.js';

const INVALID_REFRESH = synqError('Unauthorized: Invalid refresh token');

describe('Synq sign-in flow', () => {
  const t = useTestApp();

  const refresh = (refreshToken: string) => t.http.post('/api/v1/auth/refresh').send({ refreshToken });

  it('signup provisions a tenant and an organization, the user is ADMIN, and the ID token says so', async () => {
    const response = await t.http.post('/api/v1/auth/signup').send({ email: 'Founder@Example.com', password: PASSWORD, organizationName: 'Acme' });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      uid: expect.any(String),
      tenantId: expect.any(String),
      orgId: expect.any(String),
      idToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 3600,
      tokenType: 'Bearer',
    });
    const body = response.body as { uid: string; tenantId: string; orgId: string; idToken: string };
    const [header] = body.idToken.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ alg: 'RS256', typ: 'JWT', kid: expect.any(String) });
    const claims = claimsOf(body.idToken);
    expect(claims).toEqual({
      iss: SYNQ_ISSUER,
      aud: SYNQ_AUDIENCE,
      sub: body.uid,
      email: 'founder@example.com',
      tenantid: body.tenantId,
      org_id: body.orgId,
      role: 'ADMIN',
      token_version: 0,
      iat: expect.any(Number),
      exp: (claims.iat as number) + 3600,
    });
    const jwks = await t.http.get('/.well-known/jwks.json');
    expect((jwks.body as { keys: Array<{ kid: string }> }).keys.map((k) => k.kid)).toContain(JSON.parse(Buffer.from(header!, 'base64url').toString()).kid);
  });

  it('409 for an email that exists; 400 for a short password or a missing organization name', async () => {
    const account = await signup(t);
    const again = await t.http.post('/api/v1/auth/signup').send({ email: account.email.toUpperCase(), password: PASSWORD, organizationName: 'X' });
    expect(again.status).toBe(409);
    expect(again.body).toEqual(synqError('Conflict: An account with this email already exists'));
    const short = await t.http.post('/api/v1/auth/signup').send({ email: 'n@example.com', password: 'short', organizationName: 'X' });
    expect(short.status).toBe(400);
    expect(short.body).toEqual(synqError('Bad Request: password: must be at least 12 characters'));
    const noOrg = await t.http.post('/api/v1/auth/signup').send({ email: 'n@example.com', password: PASSWORD });
    expect(noOrg.status).toBe(400);
    expect(noOrg.body).toEqual(synqError('Bad Request: organizationName: is required'));
  });

  it('login answers a pair; a wrong password and an unknown email get the same 401', async () => {
    const account = await signup(t);
    const ok = await t.http.post('/api/v1/auth/login').send({ email: account.email, password: PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ idToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 3600, tokenType: 'Bearer' });
    for (const body of [{ email: account.email, password: 'not the password' }, { email: 'nobody@example.com', password: PASSWORD }]) {
      const response = await t.http.post('/api/v1/auth/login').send(body);
      expect(response.status).toBe(401);
      expect(response.body).toEqual(synqError('Unauthorized: Invalid email or password'));
    }
  });

  it('refresh rotates; presenting a used token revokes the whole family', async () => {
    const account = await signup(t);
    const first = await refresh(account.refreshToken);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ idToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 3600, tokenType: 'Bearer' });
    await t.http.get('/api/v1/products').set(asBearer(first.body.idToken as string)).expect(200);
    const second = await refresh(first.body.refreshToken as string);
    expect(second.status).toBe(200);

    // The original token again: reuse. It fails, and so does the newest token of its family.
    const reuse = await refresh(account.refreshToken);
    expect(reuse.status).toBe(401);
    expect(reuse.body).toEqual(INVALID_REFRESH);
    const newest = await refresh(second.body.refreshToken as string);
    expect(newest.status).toBe(401);
    expect(newest.body).toEqual(INVALID_REFRESH);

    // Another sign-in is another family, untouched.
    const login = await t.http.post('/api/v1/auth/login').send({ email: account.email, password: PASSWORD }).expect(200);
    await refresh(login.body.refreshToken as string).expect(200);
  });

  it('refresh carries a changed role into the new ID token', async () => {
    const admin = await signup(t);
    const editor = await addMember(t, admin, 'EDITOR');
    await t.http.patch(`/api/v1/organization/members/${editor.uid}`).set(asBearer(admin.idToken)).send({ role: 'VIEWER' }).expect(200);
    const refreshed = await refresh(editor.refreshToken).expect(200);
    expect(claimsOf(refreshed.body.idToken as string).role).toBe('VIEWER');
  });

  it('401 for an unknown refresh token, 400 for a missing one', async () => {
    const unknown = await refresh('not-a-real-token');
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(INVALID_REFRESH);
    const missing = await t.http.post('/api/v1/auth/refresh').send({});
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatch(/^Bad Request: refreshToken: /);
  });

  it('logout revokes the family (204), and is idempotent', async () => {
    const account = await signup(t);
    const rotated = await refresh(account.refreshToken).expect(200);
    const out = await t.http.post('/api/v1/auth/logout').send({ refreshToken: rotated.body.refreshToken });
    expect(out.status).toBe(204);
    expect(out.text).toBe('');
    const after = await refresh(rotated.body.refreshToken as string);
    expect(after.status).toBe(401);
    expect(after.body).toEqual(INVALID_REFRESH);
    await t.http.post('/api/v1/auth/logout').send({ refreshToken: rotated.body.refreshToken }).expect(204);
  });

  it('accept-invite signs the member in once; the token does not work twice', async () => {
    const admin = await signup(t);
    const invited = await t.http.post('/api/v1/organization/members').set(asBearer(admin.idToken)).send({ email: 'Invitee@Example.com', role: 'EDITOR' });
    expect(invited.status).toBe(201);
    expect(invited.body).toEqual({ message: 'User successfully invited.', uid: expect.any(String), inviteToken: expect.any(String) });

    // Before accepting, the member cannot sign in.
    const early = await t.http.post('/api/v1/auth/login').send({ email: 'invitee@example.com', password: PASSWORD });
    expect(early.status).toBe(401);

    const accepted = await t.http.post('/api/v1/auth/accept-invite').send({ inviteToken: invited.body.inviteToken, password: PASSWORD });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ idToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 3600, tokenType: 'Bearer' });
    expect(claimsOf(accepted.body.idToken as string)).toMatchObject({ sub: invited.body.uid, tenantid: admin.tenantId, org_id: admin.orgId, role: 'EDITOR', email: 'invitee@example.com' });

    const twice = await t.http.post('/api/v1/auth/accept-invite').send({ inviteToken: invited.body.inviteToken, password: PASSWORD });
    expect(twice.status).toBe(400);
    expect(twice.body).toEqual(synqError('Bad Request: Invalid or expired invite token'));
    await t.http.post('/api/v1/auth/login').send({ email: 'invitee@example.com', password: PASSWORD }).expect(200);
  });
});
