import { useTestApp } from '../helpers/app.js';
import { syncelloError } from '../helpers/fixtures.js';
import { PASSWORD, registerUser } from '../helpers/syncello.js';
import { signup } from '../helpers/synq.js';
import { asBearer } from '../helpers/tokens.js';

/**
 * The database goes away under a running service: every surface answers its generic 500,
 * readiness says 503, and no driver text or stack reaches a client. A key that cannot be
 * looked up is a fault, not a 401 (an outage must not tell clients their key is bad).
 */
describe('unexpected faults', () => {
  const t = useTestApp();

  it('answer 500 in each shape and 503 for readiness', async () => {
    const user = await registerUser(t);
    const synq = await signup(t);
    // As after a restart: the key cache holds nothing, so verifying the key needs the database.
    const { UserKeyCache } = await import('../../src/auth/user-key.cache.js');
    t.app.get(UserKeyCache).clear();

    await t.database.drop(); // PGlite: closed; PostgreSQL: dropped with its connections

    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ error: 'Service Unavailable: database unreachable' });
    expect((await t.http.get('/health')).status).toBe(200);

    const login = await t.http.post('/v1/auth/login').send({ email: user.email, password: PASSWORD });
    expect(login.status).toBe(500);
    expect(login.body).toEqual(syncelloError('INTERNAL_ERROR', 'Internal server error'));

    const tools = await t.http.get('/v1/tools').set(asBearer(user.apiKey));
    expect(tools.status).toBe(500);
    expect(tools.body).toEqual(syncelloError('INTERNAL_ERROR', 'Internal server error'));

    const synqLogin = await t.http.post('/api/v1/auth/login').send({ email: synq.email, password: PASSWORD });
    expect(synqLogin.status).toBe(500);
    expect(synqLogin.body).toEqual({ error: 'Internal Server Error' });

    // An ID token needs no database: it still authenticates; the query behind it fails cleanly.
    const products = await t.http.get('/api/v1/products').set(asBearer(synq.idToken));
    expect(products.status).toBe(500);
    expect(products.body).toEqual({ error: 'Internal Server Error' });

    const logged = t.logs.join('');
    expect(logged).toContain('"msg":"unhandled error"');
  });
});
