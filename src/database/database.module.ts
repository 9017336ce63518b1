import type { PGlite } from '@electric-sql/pglite';
import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { EnvironmentVariables } from '../config/env.validation.js';
import { Database, type Db } from './database.js';
import { forDrizzle, openEmbedded } from './pglite-client.js';
import { PgListener } from './pg-listener.js';
import { pgPoolOptions } from './pg-pool-options.js';
import * as schema from './schema.js';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));
const MIGRATION_LOCK = 'syncello-synq:migrations';

export interface DatabaseModuleOptions {
  /** An already open embedded database (tests hand in a clone of a migrated template). */
  pglite?: PGlite;
}

@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(Database) private readonly database: Database) {}

  static forRoot(options: DatabaseModuleOptions = {}): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: Database,
          inject: [ConfigService],
          useFactory: (config: ConfigService<EnvironmentVariables, true>) => openDatabase(config, options),
        },
      ],
      exports: [Database],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}

async function openDatabase(config: ConfigService<EnvironmentVariables, true>, options: DatabaseModuleOptions): Promise<Database> {
  const logger = new Logger('Database');
  const url = config.get('DATABASE_URL', { infer: true });
  if (url) {
    const connectTimeoutMs = config.get('DATABASE_CONNECT_TIMEOUT_MS', { infer: true });
    const statementTimeoutMs = config.get('DATABASE_STATEMENT_TIMEOUT_MS', { infer: true });
    const pool = new pg.Pool(pgPoolOptions(url, { connectTimeoutMs, statementTimeoutMs }));
    pool.on('error', (error) => logger.warn({ err: error }, 'idle PostgreSQL connection failed'));
    const db = drizzlePg(pool, { schema });
    const database = new Database(db as unknown as Db, { kind: 'postgres', pool, listener: new PgListener(url, connectTimeoutMs) });
    try {
      // Instances booting together against one database take turns.
      await database.withAdvisoryLock(MIGRATION_LOCK, () => migratePg(db, { migrationsFolder: MIGRATIONS_FOLDER }));
    } catch (error) {
      await database.close();
      throw error;
    }
    logger.log('using PostgreSQL (DATABASE_URL)');
    return database;
  }

  let client = options.pglite;
  const owned = !client;
  if (!client) {
    const dataDir = resolve(config.get('DATA_DIR', { infer: true }), 'pglite');
    mkdirSync(dataDir, { recursive: true });
    logger.log(`using the embedded database in ${dataDir}`);
    client = await openEmbedded(dataDir, { sharedBuffers: config.get('EMBEDDED_SHARED_BUFFERS', { infer: true }) });
  }
  const db = drizzlePglite(forDrizzle(client), { schema });
  await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return new Database(db as unknown as Db, { kind: 'pglite', client, owned });
}

