import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createApp } from './app.factory.js';
import { markClosing, requestsSeen } from './common/http/request-lifecycle.js';
import { IdleHeapTrim } from './common/memory/idle-heap-trim.js';
import type { EnvironmentVariables } from './config/env.validation.js';

async function main(): Promise<void> {
  const app = await createApp();
  const config = app.get<ConfigService<EnvironmentVariables, true>>(ConfigService);
  const shutdownTimeoutMs = config.get('SHUTDOWN_TIMEOUT_MS', { infer: true });
  const logger = new Logger('Shutdown');

  // SIGTERM/SIGINT: stop accepting, let requests in flight finish (their answers close their
  // connections), close idle sockets, the database and the change feeds, then exit 0. Past
  // SHUTDOWN_TIMEOUT_MS the process exits 1 whatever is left.
  let stopping = false;
  let heapTrim: IdleHeapTrim | undefined;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    heapTrim?.stop();
    const inFlight = markClosing(app.getHttpAdapter().getInstance());
    logger.log(`${signal}: shutting down, ${inFlight} ${inFlight === 1 ? 'request' : 'requests'} in flight`);
    setTimeout(() => {
      logger.error(`shutdown took longer than ${shutdownTimeoutMs} ms; exiting`);
      process.exit(1);
    }, shutdownTimeoutMs).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);

  await app.listen(config.get('PORT', { infer: true }), config.get('HOST', { infer: true }));
  const memory = new Logger('Memory');
  const quietMs = config.get('HEAP_TRIM_QUIET_MS', { infer: true });
  const gc = (globalThis as { gc?: () => void }).gc;
  if (quietMs > 0 && gc) {
    const fastify = app.getHttpAdapter().getInstance();
    const mb = (bytes: number) => Math.round(bytes / 1_048_576);
    heapTrim = new IdleHeapTrim({
      quietMs,
      requestsSeen: () => requestsSeen(fastify),
      // Twice: the first collection learns which pages are mostly garbage, the second moves
      // their survivors and returns them (a fragmented heap: one 183 -> 161 MB, two 183 -> 38).
      collect: () => {
        gc();
        gc();
      },
      trimmed: (before, after, ms) => memory.log(`quiet after load: heap ${mb(before)} -> ${mb(after)} MB in ${Math.round(ms)} ms`),
    }).start();
  } else if (quietMs > 0) {
    memory.warn('started without --expose-gc: the heap grown under load stays until V8 itself collects; `npm start` passes it (README, Configuration)');
  }
  if (process.platform === 'linux' && !process.env.MALLOC_MMAP_THRESHOLD_) {
    memory.warn(
      'MALLOC_MMAP_THRESHOLD_ is not set: each argon2 hash (19 MiB) may stay resident after it is freed; `npm start` sets 131072 (README, Configuration)',
    );
  }
}

main().catch((error: unknown) => {
  // Configuration errors name the variable; nothing else about the environment is printed.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
