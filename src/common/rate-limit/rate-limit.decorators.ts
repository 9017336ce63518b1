import { applyDecorators, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiSyncelloError, ApiSynqError } from '../http/api-error.decorators.js';
import { Surface } from '../http/surface.js';
import { AuthRouteLimitGuard, SignInLimitInterceptor } from './rate-limit.guards.js';
import { RateLimitMessages } from './rate-limit.service.js';

const documented = (surface: Surface, message: string, description: string) =>
  surface === Surface.Synq ? ApiSynqError(429, message, description) : ApiSyncelloError(429, message, description);

/** An unauthenticated auth route (register, login, signup, refresh, accept-invite): limited per client address and minute. */
export function LimitAuthRoute(surface: Surface.Syncello | Surface.Synq) {
  return applyDecorators(
    UseGuards(AuthRouteLimitGuard),
    documented(surface, RateLimitMessages.auth, 'Too many requests from this address (or failed sign-ins for this email); `Retry-After` says when to try again'),
  );
}

/** A sign-in route: an email that failed too often in a row from one address is refused for a while. */
export function LimitSignInFailures() {
  return UseInterceptors(SignInLimitInterceptor);
}
