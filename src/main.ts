import 'reflect-metadata';
import { ConfigService } from '@nestjs/config';
import { createApp } from './app.factory.js';
import type { EnvironmentVariables } from './config/env.validation.js';

async function main(): Promise<void> {
  const app = await createApp();
  app.enableShutdownHooks();
  const config = app.get<ConfigService<EnvironmentVariables, true>>(ConfigService);
  await app.listen(config.get('PORT', { infer: true }), config.get('HOST', { infer: true }));
}

main().catch((error: unknown) => {
  // Configuration errors name the variable; nothing else about the environment is printed.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
