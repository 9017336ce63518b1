import { useTestApp } from '../helpers/app.js';
import { syncelloError } from '../helpers/fixtures.js';
import { PASSWORD, registerUser } from '../helpers/syncello.js';
import { signup } from '../helpers/synq.js';
import { asBearer } from '../helpers/tokens.js';

const UNAVAILABLE_SYNCELLO = syncelloError('SERVICE_UNAVAILABLE', 'Service unavailable: the database is unreachable');
const UNAVAILABLE_SYNQ = { error: 'Service Unavailable: the database is unreachable' };

/**
 * The database goes away under a running service: every surface answers 503 in its shape
 * with `Retry-After`, readiness says 503, and no driver text or stack reaches a client. A key
 * or session that cannot be looked up is an outage, not a 401 (an outage must not tell
 * clients their credential is bad).
 */
describe('the database goes away', () => {
  const t = useTestApp();

  it('answers 503 in each shape (with Retry-After), never 401, and 503 for readiness', async () => {
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
    expect([login.status, login.headers['retry-after']]).toEqual([503, '5']);
    expect(login.body).toEqual(UNAVAILABLE_SYNCELLO);

    const tools = await t.http.get('/v1/tools').set(asBearer(user.apiKey));
    expect([tools.status, tools.headers['retry-after']]).toEqual([503, '5']);
    expect(tools.body).toEqual(UNAVAILABLE_SYNCELLO);

    // A valid dashboard session is not signed out by an outage either.
    const account = await t.http.get('/v1/account').set(asBearer(user.sessionToken));
    expect([account.status, account.headers['retry-after']]).toEqual([503, '5']);
    expect(account.body).toEqual(UNAVAILABLE_SYNCELLO);

    const synqLogin = await t.http.post('/api/v1/auth/login').send({ email: synq.email, password: PASSWORD });
    expect([synqLogin.status, synqLogin.headers['retry-after']]).toEqual([503, '5']);
    expect(synqLogin.body).toEqual(UNAVAILABLE_SYNQ);

    // An ID token needs no database: it still authenticates; the query behind it is a 503.
    const products = await t.http.get('/api/v1/products').set(asBearer(synq.idToken));
    expect([products.status, products.headers['retry-after']]).toEqual([503, '5']);
    expect(products.body).toEqual(UNAVAILABLE_SYNQ);

    const logged = t.logs.join('');
    expect(logged).toContain('"msg":"database unavailable"');
    expect(logged).not.toContain('"msg":"unhandled error"');
  });
});
