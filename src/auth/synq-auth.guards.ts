import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { AUTH_DECLARATION, type AuthDeclaration } from './auth-declaration.js';
import { extractBearerToken } from './bearer-token.js';
import { ForbiddenException, UnauthenticatedException } from '../common/errors/api.exception.js';
import { SYNQ_ROLES, type SynqRole } from '../common/enums.js';
import { SYNQ_ID_TOKEN_STRATEGY, SynqMessages } from './id-token.constants.js';
import { IdTokenCache } from './id-token.cache.js';
import { TokenRevocationsService } from './token-revocations.service.js';
import type { SynqPrincipal, VerifiedIdToken } from './synq-principal.js';

type AuthRequest = FastifyRequest & { user?: VerifiedIdToken | SynqPrincipal };

/** Verifies the ID token (or finds it already verified) and leaves it on the request. */
@Injectable()
export class IdTokenGuard extends AuthGuard(SYNQ_ID_TOKEN_STRATEGY) {
  constructor(
    private readonly cache: IdTokenCache,
    private readonly revocations: TokenRevocationsService,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthRequest>();
    const token = extractBearerToken(request);
    const cached = token ? this.cache.get(token) : undefined;
    if (cached) {
      request.user = cached;
    } else {
      await super.canActivate(context);
      if (token) this.cache.set(token, request.user as VerifiedIdToken);
    }
    // Checked on every request, cached or not: a revocation applies to tokens already verified.
    if (this.revocations.isRevoked(request.user as VerifiedIdToken)) throw new UnauthenticatedException();
    return true;
  }

  override handleRequest<T>(err: unknown, user: unknown): T {
    if (err || !user) throw new UnauthenticatedException();
    return user as T;
  }
}

const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/**
 * On a verified token: `tenantid`, then `org_id`, then `role` must be non-empty strings
 * (else the contract's 403 for the first missing one); then the route's roles, matched
 * exactly. Leaves the typed principal on the request.
 */
@Injectable()
export class SynqClaimsGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthRequest>();
    const verified = request.user as VerifiedIdToken;
    const { tenantid, org_id: orgId, role, sub, email } = verified.claims;
    if (!nonEmptyString(tenantid)) throw new ForbiddenException(SynqMessages.missingTenant);
    if (!nonEmptyString(orgId)) throw new ForbiddenException(SynqMessages.missingOrg);
    if (!nonEmptyString(role)) throw new ForbiddenException(SynqMessages.missingRole);

    const declaration = this.reflector.getAllAndOverride<AuthDeclaration | undefined, string>(AUTH_DECLARATION, [
      context.getHandler(),
      context.getClass(),
    ]);
    const allowed: readonly string[] = declaration?.roles ?? SYNQ_ROLES;
    if (!allowed.includes(role)) throw new ForbiddenException(SynqMessages.insufficient);

    const principal: SynqPrincipal = {
      kind: 'synq-id-token',
      issuer: verified.issuer,
      userId: sub as string,
      email: typeof email === 'string' ? email : undefined,
      tenantId: tenantid,
      orgId,
      role: role as SynqRole,
    };
    request.user = principal;
    return true;
  }
}
