import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { AUTH_DECLARATION, type AuthDeclaration } from './auth-declaration.js';
import { Messages } from '../common/errors/api.exception.js';
import { ApiSyncelloError } from '../common/http/api-error.decorators.js';
import type { SyncelloRole } from '../common/enums.js';
import { ApiKeyGuard, SessionGuard, SyncelloRolesGuard } from './syncello-auth.guards.js';

export interface SyncelloAuthOptions {
  /** `api-key` for tools, `session` for the dashboard's account routes. Never both. */
  token: 'api-key' | 'session';
  roles?: readonly SyncelloRole[];
  /** The route answers 403 for reasons of its own (tools: role per tool, platform not connected). */
  forbidden?: string;
}

/** The one decorator per `/v1` route: which token, which roles, documented in Swagger. */
export function SyncelloAuth(options: SyncelloAuthOptions) {
  const token = options.token === 'api-key' ? 'syncello-api-key' : 'syncello-session';
  const declaration: AuthDeclaration = { token, roles: options.roles };
  const forbidden = options.forbidden ?? (options.roles ? `Role must be one of: ${options.roles.join(', ')}` : undefined);
  return applyDecorators(
    SetMetadata(AUTH_DECLARATION, declaration),
    UseGuards(options.token === 'api-key' ? ApiKeyGuard : SessionGuard, SyncelloRolesGuard),
    ApiBearerAuth(token),
    ApiSyncelloError(401, Messages.unauthorized, `No valid ${options.token === 'api-key' ? 'API key' : 'session token'}`),
    ...(forbidden ? [ApiSyncelloError(403, Messages.forbidden, forbidden)] : []),
  );
}
