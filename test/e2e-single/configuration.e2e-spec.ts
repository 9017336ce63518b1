import { ConfigService } from '@nestjs/config';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApp } from '../../src/app.factory.js';
import { TEST_SECRETS_KEY } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

/**
 * Settings passed to createApp({ env }) are the whole configuration: a variable they leave
 * out is unset (or its default), whatever the process environment holds.
 */
describe('createApp({ env }) replaces the environment', () => {
  const LEAKS = {
    // Unreachable: an app that read it would fail to start instead of using the embedded database.
    DATABASE_URL: 'postgres://nobody@127.0.0.1:1/leaked',
    SYNQ_ISSUER: 'https://leaked.example',
    PLATFORM_TIMEOUT_MS: '1234',
  };
  const saved: Record<string, string | undefined> = {};
  let database: TestDatabase;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    for (const [key, value] of Object.entries(LEAKS)) {
      saved[key] = process.env[key];
      process.env[key] = value;
    }
    database = await createTestDatabase();
    app = await createApp({ env: { NODE_ENV: 'test', LOG_LEVEL: 'silent', SECRETS_KEY: TEST_SECRETS_KEY }, pglite: database.pglite });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('starts on the embedded database although DATABASE_URL is set in the environment', async () => {
    const res = await request(app.getHttpServer()).get('/health/ready');
    expect(res.status).toBe(200);
  });

  it('answers ConfigService#get from the settings only: unset or default, never process.env', () => {
    const config = app.get(ConfigService);
    expect(config.get('DATABASE_URL')).toBeUndefined();
    expect(config.get('SYNQ_ISSUER')).toBe('http://localhost:3000');
    expect(config.get('PLATFORM_TIMEOUT_MS')).toBe(15000);
  });

  it('publishes the issuer of the settings, not the one in the environment', async () => {
    const res = await request(app.getHttpServer()).get('/.well-known/openid-configuration');
    expect(res.status).toBe(200);
    expect(res.body.issuer).toBe('http://localhost:3000');
  });
});
