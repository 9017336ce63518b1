import { startApp, useTestApp } from '../helpers/app.js';
import { testDbKind } from '../helpers/database.js';
import { signup, SYNQ_ISSUER } from '../helpers/synq.js';
import { asBearer } from '../helpers/tokens.js';
import { SigningKeyService } from '../../src/auth/signing-key.service.js';
import { pollUntil } from '../helpers/poll.js';

const kidOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;

describe('Synq signing keys', () => {
  const t = useTestApp();

  it('discovery names the issuer and the JWKS', async () => {
    const response = await t.http.get('/.well-known/openid-configuration');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ issuer: SYNQ_ISSUER, jwks_uri: `${SYNQ_ISSUER}/.well-known/jwks.json`, id_token_signing_alg_values_supported: ['RS256'] });
  });

  it('the JWKS publishes public keys only', async () => {
    const response = await t.http.get('/.well-known/jwks.json');
    const keys = (response.body as { keys: Array<Record<string, string>> }).keys;
    expect(keys.length).toBeGreaterThanOrEqual(1);
    for (const key of keys) {
      expect(Object.keys(key).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
      expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    }
  });

  it('after a rotation, new tokens use the new key and earlier tokens still verify', async () => {
    const before = await signup(t);
    const newKid = await t.app.get(SigningKeyService).rotate();
    expect(newKid).not.toBe(kidOf(before.idToken));

    const after = await t.http.post('/api/v1/auth/login').send({ email: before.email, password: 'correct horse battery staple' }).expect(200);
    expect(kidOf(after.body.idToken as string)).toBe(newKid);
    await t.http.get('/api/v1/products').set(asBearer(before.idToken)).expect(200);
    await t.http.get('/api/v1/products').set(asBearer(after.body.idToken as string)).expect(200);

    const kids = ((await t.http.get('/.well-known/jwks.json')).body as { keys: Array<{ kid: string }> }).keys.map((k) => k.kid);
    expect(kids).toEqual(expect.arrayContaining([kidOf(before.idToken), newKid]));
  });

  (testDbKind() === 'postgres' ? it : it.skip)('a key rotated on one instance signs and verifies on another at once', async () => {
    const second = await startApp(t.database);
    try {
      const account = await signup(t);
      const newKid = await t.app.get(SigningKeyService).rotate();
      await pollUntil(
        async () => {
          const login = await second.http.post('/api/v1/auth/login').send({ email: account.email, password: 'correct horse battery staple' }).expect(200);
          return kidOf(login.body.idToken as string);
        },
        (kid) => kid === newKid,
        { limitMs: 1000, what: 'the second instance signs with the new key' },
      );
      const fresh = await t.http.post('/api/v1/auth/login').send({ email: account.email, password: 'correct horse battery staple' }).expect(200);
      await second.http.get('/api/v1/products').set(asBearer(fresh.body.idToken as string)).expect(200);
    } finally {
      await second.close();
    }
  });
});
