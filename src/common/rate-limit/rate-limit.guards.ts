import { type CallHandler, type CanActivate, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { ApiException } from '../errors/api.exception.js';
import { ErrorCode } from '../errors/error-code.enum.js';
import { surfaceOf } from '../http/surface.js';
import { RateLimitService } from './rate-limit.service.js';

/** Counts a request to an unauthenticated auth route against its client address (per surface). */
@Injectable()
export class AuthRouteLimitGuard implements CanActivate {
  constructor(private readonly limits: RateLimitService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    await this.limits.consumeAuth(surfaceOf(request.url), request.ip);
    return true;
  }
}

/**
 * Around a sign-in handler: refuses an (email, address) pair that failed too often in a row,
 * counts a 401 against it, forgets its failures on success. The email is normalized as the
 * login DTO does (trimmed, lower-cased); a body without one is left to validation.
 */
@Injectable()
export class SignInLimitInterceptor implements NestInterceptor {
  constructor(private readonly limits: RateLimitService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const email = (request.body as { email?: unknown } | null | undefined)?.email;
    if (typeof email !== 'string') return next.handle();
    return from(
      this.limits.signIn(surfaceOf(request.url), email.trim().toLowerCase(), request.ip, () => lastValueFrom(next.handle()), isBadCredentials),
    );
  }
}

const isBadCredentials = (error: unknown) => error instanceof ApiException && error.code === ErrorCode.Unauthorized;
