import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import { SigningKeyService } from '../auth/index.js';

/**
 * `npm run synq:rotate-signing-key`: a new Synq signing key. The previous key stays in the
 * JWKS until every token it signed has expired (one hour). Uses the same configuration as
 * the server; with the embedded database, stop the server first (one process per data
 * folder). With PostgreSQL, running instances pick the new key up at once (NOTIFY).
 */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(), { logger: ['error', 'warn'] });
  try {
    const kid = await app.get(SigningKeyService).rotate();
    console.log(`new signing key: ${kid}`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
