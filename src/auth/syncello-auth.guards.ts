import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AUTH_DECLARATION, type AuthDeclaration } from './auth-declaration.js';
import { ForbiddenException, UnauthenticatedException } from '../common/errors/api.exception.js';
import { API_KEY_STRATEGY } from './api-key.strategy.js';
import { SESSION_STRATEGY } from './session.strategy.js';
import type { SyncelloPrincipal } from './syncello-principal.js';
import { KEY_LOOKUP_FAULT } from './syncello-token.constants.js';

/**
 * Passport's own failure rendering is replaced: every verification failure is the contract's
 * one 401 body. A fault while looking the user up (the key provider's, or one thrown by
 * `validate`, which Passport reports as `err`; verification failures never are) stays a
 * fault: the exception filter answers 503 for an outage, 500 for a bug, so an outage never
 * tells clients their key or session is bad.
 */
function handle(err: unknown, user: unknown, context: ExecutionContext): SyncelloPrincipal {
  const fault = (context.switchToHttp().getRequest() as Record<symbol, unknown>)[KEY_LOOKUP_FAULT];
  if (fault) throw fault;
  if (err) throw err;
  if (!user) throw new UnauthenticatedException();
  return user as SyncelloPrincipal;
}

@Injectable()
export class ApiKeyGuard extends AuthGuard(API_KEY_STRATEGY) {
  override handleRequest<T>(err: unknown, user: unknown, _info: unknown, context: ExecutionContext): T {
    return handle(err, user, context) as T;
  }
}

@Injectable()
export class SessionGuard extends AuthGuard(SESSION_STRATEGY) {
  override handleRequest<T>(err: unknown, user: unknown, _info: unknown, context: ExecutionContext): T {
    return handle(err, user, context) as T;
  }
}

/** Runs after the token guard of the same route; the roles come from its @SyncelloAuth. */
@Injectable()
export class SyncelloRolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const declaration = this.reflector.getAllAndOverride<AuthDeclaration | undefined>(AUTH_DECLARATION, [
      context.getHandler(),
      context.getClass(),
    ]);
    const roles = declaration?.roles;
    if (!roles || roles.length === 0) return true;
    const principal = context.switchToHttp().getRequest<{ user?: SyncelloPrincipal }>().user;
    if (!principal || !roles.includes(principal.role)) throw new ForbiddenException();
    return true;
  }
}
