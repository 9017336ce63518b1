/**
 * What the feature modules may use of `auth/`: the module, the route decorators, the
 * principal decorators and types, and the services that issue (and revoke) tokens. Everything else in
 * this folder is its own business (scripts/check-import-cycles.mjs enforces it).
 */
export { AuthModule } from './auth.module.js';
export { AuthDeclarationAudit } from './auth-declaration.audit.js';
export { Public } from './public.decorator.js';
export { SyncelloAuth, type SyncelloAuthOptions } from './syncello-auth.decorator.js';
export { SynqAuth } from './synq-auth.decorator.js';
export { ApiKeyUser, SessionUser, SynqUser, type ApiKeyPrincipal, type SessionPrincipal } from './principal.decorators.js';
export type { SyncelloPrincipal } from './syncello-principal.js';
export type { SynqPrincipal } from './synq-principal.js';
export { ApiKeyService } from './api-key.service.js';
export { SessionTokenService } from './session-token.service.js';
export { UserKeyCache } from './user-key.cache.js';
export { IdTokenService, type IdTokenSubject } from './id-token.service.js';
export { SigningKeyService } from './signing-key.service.js';
export { TokenRevocationsService, type Revocation } from './token-revocations.service.js';
