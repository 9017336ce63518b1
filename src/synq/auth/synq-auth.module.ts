import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { IdTokenCache } from './id-token.cache.js';
import { IdTokenService } from './id-token.service.js';
import { IdTokenStrategy } from './id-token.strategy.js';
import { SigningKeyService } from './signing-key.service.js';
import { IdTokenGuard, SynqClaimsGuard } from './synq-auth.guards.js';
import { TokenRevocationsService } from './token-revocations.service.js';
import { TrustedIssuersService } from './trusted-issuers.service.js';
import { WellKnownController } from './well-known.controller.js';

/** Synq's identity: signing keys, ID tokens, the strategy that verifies them, the claims guard. */
@Module({
  imports: [PassportModule],
  controllers: [WellKnownController],
  providers: [SigningKeyService, TrustedIssuersService, IdTokenService, IdTokenStrategy, IdTokenCache, TokenRevocationsService, IdTokenGuard, SynqClaimsGuard],
  exports: [SigningKeyService, IdTokenService, IdTokenCache, TokenRevocationsService, IdTokenGuard, SynqClaimsGuard],
})
export class SynqAuthModule {}
