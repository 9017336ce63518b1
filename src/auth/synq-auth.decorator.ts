import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { AUTH_DECLARATION, type AuthDeclaration } from './auth-declaration.js';
import { Messages } from '../common/errors/api.exception.js';
import { ApiSynqError } from '../common/http/api-error.decorators.js';
import { SYNQ_ROLES, type SynqRole } from '../common/enums.js';
import { SynqMessages } from './id-token.constants.js';
import { IdTokenGuard, SynqClaimsGuard } from './synq-auth.guards.js';

/**
 * The one decorator per `/api/v1` route: an ID token whose claims scope the request, and the
 * roles allowed (all three when omitted). Documents the 401 and 403 bodies in Swagger.
 */
export function SynqAuth(options: { roles?: readonly SynqRole[] } = {}) {
  const roles = options.roles ?? SYNQ_ROLES;
  const declaration: AuthDeclaration = { token: 'synq-id-token', roles };
  return applyDecorators(
    SetMetadata(AUTH_DECLARATION, declaration),
    UseGuards(IdTokenGuard, SynqClaimsGuard),
    ApiBearerAuth('synq-id-token'),
    ApiSynqError(401, Messages.unauthorized, 'Missing, malformed, expired or badly signed ID token'),
    ApiSynqError(403, SynqMessages.insufficient, `A claim is missing (tenantid, org_id, role, in that order), or the role is not one of: ${roles.join(', ')}`),
  );
}
