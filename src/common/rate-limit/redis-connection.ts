import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';

/**
 * The Redis client behind the shared rate-limit counters, configured to fail fast: no offline
 * queue (a command while disconnected fails at once, and the limiter falls back to memory),
 * one try per command, a short connect and command timeout, and reconnection in the
 * background. An outage is logged once when it starts and once when Redis is back.
 */
export function createRedisConnection(url: string, logger: Logger): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1_000,
    commandTimeout: 500,
    // Reconnect every 0.1 s, 0.2 s, ... up to every 2 s, forever.
    retryStrategy: (times) => Math.min(times * 100, 2_000),
    lazyConnect: false,
  });
  let down = false;
  const wentDown = (reason: string) => {
    if (down) return;
    down = true;
    logger.warn({ reason }, 'Redis unreachable: rate limits are counted per instance until it is back');
  };
  client.on('ready', () => {
    if (!down) return;
    down = false;
    logger.log('Redis reachable again: rate limits are shared again');
  });
  // The error text of ioredis names host and port, never credentials; keep only its code.
  client.on('error', (error: NodeJS.ErrnoException) => wentDown(error.code ?? 'error'));
  client.on('close', () => wentDown('connection closed'));
  return client;
}
