import type { FastifyInstance, FastifyRequest } from 'fastify';

/** The order methods are listed in an `Allow` header (others follow, alphabetically). */
const ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

function byConventionalOrder(a: string, b: string): number {
  const i = ORDER.indexOf(a);
  const j = ORDER.indexOf(b);
  if (i !== -1 || j !== -1) return (i === -1 ? ORDER.length : i) - (j === -1 ? ORDER.length : j);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Per application: every method some route serves, collected once while routes are registered.
 * A property of the root instance, so encapsulated child instances (`request.server` inside a
 * plugin) see it through their prototype.
 */
const SERVED = Symbol('methodsServed');
type WithServed = { [SERVED]?: string[] };

/**
 * Collects, while the routes are registered (an `onRoute` hook; call before Nest registers
 * them), the methods the application serves at all (GET implies HEAD: Fastify answers it).
 * `allowedMethods` then tells, for a request that matched no route, which of those methods
 * the router would serve at its path: the `Allow` of a 405.
 */
export function installAllowedMethods(fastify: FastifyInstance): void {
  const served = new Set<string>();
  const list: string[] = [];
  (fastify as unknown as WithServed)[SERVED] = list;
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      served.add(method.toUpperCase());
      if (method.toUpperCase() === 'GET') served.add('HEAD');
    }
    list.splice(0, list.length, ...[...served].sort(byConventionalOrder));
  });
}

/**
 * The methods served at the path of a request that matched no route, in `Allow` order; empty
 * when the path exists for no method (a true 404). A lookup in Fastify's router per method the
 * application serves (six), only for requests that are already errors.
 */
export function allowedMethods(request: FastifyRequest): string[] {
  const served = (request.server as unknown as WithServed | undefined)?.[SERVED] ?? [];
  if (served.length === 0) return [];
  const url = request.url.split('?', 1)[0] ?? '/';
  return served.filter((method) => request.server.findRoute({ method: method as 'GET', url }) !== null);
}
