import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type IRateLimiterOptions, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { EnvironmentVariables } from '../../config/env.validation.js';
import { RateLimitedException } from '../errors/api.exception.js';
import type { Surface } from '../http/surface.js';
import { maskEmail } from './mask-email.js';
import { createRedisConnection } from './redis-connection.js';

/** Failures in a row are remembered this long after the first of them (a mistyped password a month ago is forgotten). */
const LOGIN_FAILURE_MEMORY_SECONDS = 24 * 3600;

export const RateLimitMessages = {
  signIn: 'Too many failed sign-ins for this account from this address; try again later',
  auth: 'Too many requests from this address; try again later',
  tools: 'Too many tool executions; try again later',
} as const;

type LimitName = 'login-failures' | 'auth' | 'tools';

/**
 * The abuse limits (contract section 5), on rate-limiter-flexible: in memory, or in Redis when
 * REDIS_URL is set (every instance shares one budget). With Redis, each limiter is insured by
 * a per-instance memory limiter of the same size: while Redis is unreachable the limits hold
 * per instance, and they are shared again as soon as it is back.
 *
 * Only the routes that ask for it consult this service (the unauthenticated auth routes and
 * tool executions); requests on other routes never touch Redis.
 */
@Injectable()
export class RateLimitService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly redis?: Redis;
  private readonly loginFailures: RateLimiterAbstract;
  private readonly auth: RateLimiterAbstract;
  private readonly tools: RateLimiterAbstract;
  private readonly maxLoginFailures: number;
  private readonly blockSeconds: number;

  constructor(config: ConfigService<EnvironmentVariables, true>) {
    const url = config.get('REDIS_URL', { infer: true });
    const prefix = config.get('REDIS_KEY_PREFIX', { infer: true });
    if (url) this.redis = createRedisConnection(url, this.logger);
    this.maxLoginFailures = config.get('RATE_LIMIT_LOGIN_FAILURES', { infer: true });
    this.blockSeconds = config.get('RATE_LIMIT_LOGIN_BLOCK_SECONDS', { infer: true });

    const limiter = (name: LimitName, options: IRateLimiterOptions): RateLimiterAbstract => {
      const keyPrefix = `${prefix}rl:${name}`;
      if (!this.redis) return new RateLimiterMemory({ ...options, keyPrefix });
      return new RateLimiterRedis({
        ...options,
        keyPrefix,
        storeClient: this.redis,
        useRedisPackage: false,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory({ ...options, keyPrefix }),
      });
    };
    this.loginFailures = limiter('login-failures', { points: this.maxLoginFailures, duration: LOGIN_FAILURE_MEMORY_SECONDS });
    this.auth = limiter('auth', { points: config.get('RATE_LIMIT_AUTH_PER_MINUTE', { infer: true }), duration: 60 });
    this.tools = limiter('tools', { points: config.get('RATE_LIMIT_TOOLS_PER_MINUTE', { infer: true }), duration: 60 });
  }

  /** Waits (a second at most) for Redis, so the first requests already share the budget; without it the start goes on, limited per instance. */
  async onModuleInit(): Promise<void> {
    const redis = this.redis;
    if (!redis || redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        redis.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, 1_000);
      redis.once('ready', done);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    const redis = this.redis;
    if (!redis || redis.status === 'end') return;
    redis.removeAllListeners('close');
    redis.disconnect(); // at once, and no reconnecting (also during an outage)
  }

  /** One request to an unauthenticated auth route of `surface` from `client`: 429 past the per-minute budget. */
  async consumeAuth(surface: Surface, client: string): Promise<void> {
    await this.consume(this.auth, `${surface}:${client}`, RateLimitMessages.auth, { limit: 'auth', surface, client });
  }

  /** One tool execution by `userId` (REST or MCP): 429 past the per-minute budget. */
  async consumeTool(userId: string): Promise<void> {
    await this.consume(this.tools, userId, RateLimitMessages.tools, { limit: 'tools', userId });
  }

  /**
   * Runs a sign-in unless this email is blocked from this address (429, even with the right
   * password). A failure (the sign-in throws a 401) counts; the last allowed one blocks the
   * pair for the block time; a success forgets the failures.
   */
  async signIn<T>(surface: Surface, email: string, client: string, attempt: () => Promise<T>, isFailure: (error: unknown) => boolean): Promise<T> {
    const key = `${surface}:${client}:${email}`;
    const seen = await this.loginFailures.get(key);
    if (seen && seen.consumedPoints > this.maxLoginFailures) throw new RateLimitedException(RateLimitMessages.signIn, retryAfter(seen));
    let result: T;
    try {
      result = await attempt();
    } catch (error) {
      if (isFailure(error)) await this.countFailure(key, { surface, client, email });
      throw error;
    }
    if (seen) await this.loginFailures.delete(key);
    return result;
  }

  private async countFailure(key: string, who: { surface: Surface; client: string; email: string }): Promise<void> {
    let consumed: number;
    try {
      consumed = (await this.loginFailures.consume(key)).consumedPoints;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      consumed = error.consumedPoints; // a failure racing the one that blocked
    }
    if (consumed < this.maxLoginFailures) return;
    // The failure that reaches the limit blocks (a concurrent one past it blocks again: same end).
    await this.loginFailures.block(key, this.blockSeconds);
    if (consumed === this.maxLoginFailures) {
      this.logger.warn(
        { limit: 'login-failures', surface: who.surface, client: who.client, email: maskEmail(who.email), failures: consumed, retryAfter: this.blockSeconds },
        'rate limit reached',
      );
    }
  }

  private async consume(limiter: RateLimiterAbstract, key: string, message: string, context: Record<string, string>): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const seconds = retryAfter(error);
      // One line when the limit trips (the first refusal of the window), not one per refused request.
      if (error.consumedPoints === limiter.points + 1) this.logger.warn({ ...context, retryAfter: seconds }, 'rate limit reached');
      throw new RateLimitedException(message, seconds);
    }
  }
}

/** `Retry-After`: whole seconds, at least 1. */
function retryAfter(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}
