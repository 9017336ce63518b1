import { FakeServer } from './fake-server.js';

/** An external identity provider's JWKS endpoint: `GET /.well-known/jwks.json`, no auth. */
export function createFakeJwks(keys: () => Array<Record<string, unknown>>): FakeServer {
  return new FakeServer(() => true).route('GET', /^\/\.well-known\/jwks\.json$/, () => ({ body: { keys: keys() } }));
}
