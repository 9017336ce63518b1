import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { ApiKeyService } from './api-key.service.js';
import { ApiKeyStrategy } from './api-key.strategy.js';
import { IdTokenCache } from './id-token.cache.js';
import { IdTokenService } from './id-token.service.js';
import { IdTokenStrategy } from './id-token.strategy.js';
import { SessionTokenService } from './session-token.service.js';
import { SessionStrategy } from './session.strategy.js';
import { SigningKeyService } from './signing-key.service.js';
import { ApiKeyGuard, SessionGuard, SyncelloRolesGuard } from './syncello-auth.guards.js';
import { IdTokenGuard, SynqClaimsGuard } from './synq-auth.guards.js';
import { TokenRevocationsService } from './token-revocations.service.js';
import { TrustedIssuersService } from './trusted-issuers.service.js';
import { UserKeyCache } from './user-key.cache.js';
import { WellKnownController } from './well-known.controller.js';

/**
 * Every credential of both surfaces, in one place:
 * - Syncello (`/v1`): the `syncello-api-key` and `syncello-session` strategies, the services
 *   that issue those tokens, and the user-key cache both strategies read;
 * - Synq (`/api/v1`): the `synq-id-token` strategy, the signing keys (and their JWKS at
 *   `/.well-known`), trusted issuers, the verified-token cache, the revocations (checked on
 *   every request by the ID-token guard), the claims guard.
 * Feature modules import this module and put `@SyncelloAuth`, `@SynqAuth` or `@Public` on
 * each route; they issue tokens through the exported services.
 */
@Module({
  imports: [PassportModule],
  controllers: [WellKnownController],
  providers: [
    UserKeyCache,
    ApiKeyService,
    SessionTokenService,
    ApiKeyStrategy,
    SessionStrategy,
    ApiKeyGuard,
    SessionGuard,
    SyncelloRolesGuard,
    SigningKeyService,
    TrustedIssuersService,
    IdTokenService,
    IdTokenStrategy,
    IdTokenCache,
    TokenRevocationsService,
    IdTokenGuard,
    SynqClaimsGuard,
  ],
  exports: [
    UserKeyCache,
    ApiKeyService,
    SessionTokenService,
    ApiKeyGuard,
    SessionGuard,
    SyncelloRolesGuard,
    SigningKeyService,
    IdTokenService,
    IdTokenCache,
    TokenRevocationsService,
    IdTokenGuard,
    SynqClaimsGuard,
  ],
})
export class AuthModule {}
