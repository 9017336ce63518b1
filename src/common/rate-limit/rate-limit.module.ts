import { Global, Module } from '@nestjs/common';
import { AuthRouteLimitGuard, SignInLimitInterceptor } from './rate-limit.guards.js';
import { RateLimitService } from './rate-limit.service.js';

/** The abuse limits, available to every feature (auth routes, tool executions). */
@Global()
@Module({
  providers: [RateLimitService, AuthRouteLimitGuard, SignInLimitInterceptor],
  exports: [RateLimitService, AuthRouteLimitGuard, SignInLimitInterceptor],
})
export class RateLimitModule {}
