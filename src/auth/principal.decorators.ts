import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { SyncelloPrincipal } from './syncello-principal.js';
import type { SynqPrincipal } from './synq-principal.js';

export type ApiKeyPrincipal = SyncelloPrincipal & { kind: 'api-key' };
export type SessionPrincipal = SyncelloPrincipal & { kind: 'session' };

/**
 * A parameter decorator that hands the handler the principal its route's guard left on the
 * request, checked to be of the expected kind. A mismatch (say `@SynqUser()` on a route
 * guarded by `@SyncelloAuth`) is a programming error: it throws, and the filter answers 500
 * without detail, rather than a handler reading the wrong shape.
 */
function principalDecorator<P>(name: string, accepts: (user: unknown) => user is P) {
  return createParamDecorator((_data: unknown, context: ExecutionContext): P => {
    const user = context.switchToHttp().getRequest<{ user?: unknown }>().user;
    if (!accepts(user)) throw new Error(`@${name}() on a route whose guard did not leave that principal`);
    return user;
  });
}

const kindOf = (user: unknown): unknown => (typeof user === 'object' && user !== null ? (user as { kind?: unknown }).kind : undefined);

/** The caller of a `@SyncelloAuth({ token: 'api-key' })` route. */
export const ApiKeyUser = principalDecorator('ApiKeyUser', (user): user is ApiKeyPrincipal => kindOf(user) === 'api-key');

/** The caller of a `@SyncelloAuth({ token: 'session' })` route (the dashboard). */
export const SessionUser = principalDecorator('SessionUser', (user): user is SessionPrincipal => kindOf(user) === 'session');

/** The caller of a `@SynqAuth()` route, after the claims guard (tenant, organization, role). */
export const SynqUser = principalDecorator(
  'SynqUser',
  (user): user is SynqPrincipal => kindOf(user) === 'synq-id-token' && typeof (user as { tenantId?: unknown }).tenantId === 'string',
);
