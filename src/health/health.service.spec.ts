import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { ApiException } from '../common/errors/api.exception.js';
import type { Database } from '../database/database.js';
import { HealthService } from './health.service.js';

/** A database whose ping the test settles. */
function databaseWith(ping: () => Promise<void>): Database {
  return { kind: 'postgres', ping } as unknown as Database;
}

describe('HealthService.ready', () => {
  let warnings: unknown[][];
  beforeEach(() => {
    jest.useFakeTimers();
    warnings = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args));
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('answers ok once the database answers, and leaves no timer behind', async () => {
    const health = new HealthService(databaseWith(async () => undefined));
    await expect(health.ready()).resolves.toEqual({ status: 'ok', database: 'postgres' });
    expect(jest.getTimerCount()).toBe(0);
    expect(warnings).toEqual([]);
  });

  it('answers 503 when the ping fails, and leaves no timer behind', async () => {
    const health = new HealthService(databaseWith(async () => Promise.reject(new Error('connection refused'))));
    const answer = await health.ready().catch((error: unknown) => error);
    expect(answer).toBeInstanceOf(ApiException);
    expect((answer as ApiException).status).toBe(503);
    expect(jest.getTimerCount()).toBe(0);
    expect(warnings).toEqual([[{ err: new Error('connection refused') }, 'readiness check failed']]);
  });

  it('answers 503 when the ping does not answer within 2 s', async () => {
    const health = new HealthService(databaseWith(() => new Promise<void>(() => undefined)));
    const answer = health.ready().catch((error: unknown) => error);
    await jest.advanceTimersByTimeAsync(1_999);
    expect(jest.getTimerCount()).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect((await answer) as ApiException).toBeInstanceOf(ApiException);
    expect(((await answer) as ApiException).message).toBe('database unreachable');
    expect(warnings).toEqual([[{ err: new Error('ping timed out') }, 'readiness check failed']]);
  });
});
