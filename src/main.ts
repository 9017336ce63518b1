import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createApp } from './app.factory.js';
import { markClosing } from './common/http/request-lifecycle.js';
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
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: shutting down`);
    markClosing(app.getHttpAdapter().getInstance());
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
  if (process.platform === 'linux' && !process.env.MALLOC_MMAP_THRESHOLD_) {
    new Logger('Memory').warn(
      'MALLOC_MMAP_THRESHOLD_ is not set: each argon2 hash (19 MiB) may stay resident after it is freed; `npm start` sets 131072 (README, Configuration)',
    );
  }
}

main().catch((error: unknown) => {
  // Configuration errors name the variable; nothing else about the environment is printed.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
