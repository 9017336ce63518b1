import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Writable } from 'node:stream';
import request from 'supertest';
import { createApp } from '../../src/app.factory.js';
import { createTestDatabase, type TestDatabase } from './database.js';

/** A fixed master key, so tests can open what the service sealed. */
export const TEST_SECRETS_KEY = Buffer.alloc(32, 7).toString('base64');

export interface TestApp {
  app: NestFastifyApplication;
  http: ReturnType<typeof request>;
  /** Every log line the app wrote, as text. */
  logs: string[];
  close(): Promise<void>;
}

/** The real application (same factory as server.ts) on the file's database. */
export async function startApp(database: TestDatabase, env: Record<string, string | undefined> = {}): Promise<TestApp> {
  const logs: string[] = [];
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(chunk.toString('utf8'));
      callback();
    },
  });
  const app = await createApp({
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      SECRETS_KEY: TEST_SECRETS_KEY,
      DATABASE_URL: database.url ?? '',
      // Tests sign up many users from one address; the limits are tested with their real
      // defaults in rate-limits.e2e-spec.ts (pass '' to get a default back).
      RATE_LIMIT_AUTH_PER_MINUTE: '1000000',
      RATE_LIMIT_LOGIN_FAILURES: '1000000',
      RATE_LIMIT_TOOLS_PER_MINUTE: '1000000',
      ...env,
    },
    pglite: database.pglite,
    logDestination: logDestination as never,
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { app, http: request(app.getHttpServer()), logs, close: () => app.close() };
}

/**
 * A request with headers exactly as given, duplicates included (supertest folds them).
 * The app must be listening: pass its base URL.
 */
export async function rawRequest(baseUrl: string, method: string, path: string, rawHeaders: string[]): Promise<{ status: number; body: unknown }> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const url = new URL(path, baseUrl);
    // With headers given as a raw list, Node adds no Host header of its own.
    const headers = ['Host', url.host, 'Content-Length', '0', ...rawHeaders] as unknown as Record<string, string>;
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString() || 'null') }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * The usual e2e file setup: its own database and the app on it, started before the file's
 * tests and torn down after. Returns a TestApp whose members resolve once started, plus the
 * database (`t.database`).
 */
export function useTestApp(env: Record<string, string> = {}): TestApp & { readonly database: TestDatabase } {
  let database: TestDatabase | undefined;
  let started: TestApp | undefined;
  const get = (): TestApp => {
    if (!started) throw new Error('useTestApp: the app starts in beforeAll');
    return started;
  };
  beforeAll(async () => {
    database = await createTestDatabase();
    started = await startApp(database, env);
  });
  afterAll(async () => {
    await started?.close();
    await database?.drop().catch(() => undefined);
  });
  return {
    get app() {
      return get().app;
    },
    get http() {
      return get().http;
    },
    get logs() {
      return get().logs;
    },
    get database() {
      if (!database) throw new Error('useTestApp: the database is created in beforeAll');
      return database;
    },
    close: () => get().close(),
  };
}
