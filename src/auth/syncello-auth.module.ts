import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { ApiKeyService } from './api-key.service.js';
import { ApiKeyStrategy } from './api-key.strategy.js';
import { SessionTokenService } from './session-token.service.js';
import { SessionStrategy } from './session.strategy.js';
import { ApiKeyGuard, SessionGuard, SyncelloRolesGuard } from './syncello-auth.guards.js';
import { UserKeyCache } from './user-key.cache.js';

/** Syncello's credentials: API keys, dashboard sessions, and the cache that makes them cheap. */
@Module({
  imports: [PassportModule],
  providers: [
    UserKeyCache,
    ApiKeyService,
    SessionTokenService,
    ApiKeyStrategy,
    SessionStrategy,
    ApiKeyGuard,
    SessionGuard,
    SyncelloRolesGuard,
  ],
  exports: [UserKeyCache, ApiKeyService, SessionTokenService, ApiKeyGuard, SessionGuard, SyncelloRolesGuard],
})
export class SyncelloAuthModule {}
