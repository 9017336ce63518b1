import { validateEnvironment } from './env.validation.js';

describe('validateEnvironment', () => {
  it('has working defaults with nothing set', () => {
    const sut = validateEnvironment({});
    expect(sut).toMatchObject({ PORT: 3000, DATA_DIR: './data', PLATFORM_TIMEOUT_MS: 15000, TAPE_API_URL: 'https://api.tapeapp.com/v1' });
    expect(sut.DATABASE_URL).toBeUndefined();
  });

  it('names every bad variable', () => {
    expect(() => validateEnvironment({ PORT: 'eighty', DATABASE_URL: 'mysql://x', TAPE_API_URL: 'ftp://x' })).toThrow(
      /PORT: .*\n.*DATABASE_URL: .*\n.*TAPE_API_URL: /s,
    );
  });

  it('requires SECRETS_KEY in production', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow('SECRETS_KEY: required when NODE_ENV=production');
    expect(() => validateEnvironment({ NODE_ENV: 'production', SECRETS_KEY: 'short' })).toThrow(/SECRETS_KEY must be 32 bytes/);
    expect(validateEnvironment({ NODE_ENV: 'production', SECRETS_KEY: 'a'.repeat(64) }).SECRETS_KEY).toBe('a'.repeat(64));
  });

  it('wants both admin variables or neither', () => {
    expect(() => validateEnvironment({ SYNCELLO_ADMIN_EMAIL: 'a@example.com' })).toThrow(/set both or neither/);
  });

  it('treats an empty variable as unset and ignores unknown ones', () => {
    expect(validateEnvironment({ DATABASE_URL: '', HOME: '/root' }).DATABASE_URL).toBeUndefined();
  });
});

describe('abuse-limit settings', () => {
  it('have the contract defaults', () => {
    expect(validateEnvironment({})).toMatchObject({
      RATE_LIMIT_LOGIN_FAILURES: 10,
      RATE_LIMIT_LOGIN_BLOCK_SECONDS: 900,
      RATE_LIMIT_AUTH_PER_MINUTE: 60,
      RATE_LIMIT_TOOLS_PER_MINUTE: 120,
      REDIS_KEY_PREFIX: 'syncello:',
    });
  });

  it('refuse bad values by name', () => {
    expect(() => validateEnvironment({ RATE_LIMIT_LOGIN_FAILURES: '0' })).toThrow(/RATE_LIMIT_LOGIN_FAILURES: /);
    expect(() => validateEnvironment({ RATE_LIMIT_TOOLS_PER_MINUTE: 'many' })).toThrow(/RATE_LIMIT_TOOLS_PER_MINUTE: /);
    expect(() => validateEnvironment({ REDIS_URL: 'http://x' })).toThrow(/REDIS_URL must be a redis/);
    expect(() => validateEnvironment({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: /);
    expect(() => validateEnvironment({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY: /);
  });

  it('TRUST_PROXY takes addresses, CIDRs and presets', () => {
    expect(validateEnvironment({ TRUST_PROXY: '10.0.0.1, 192.168.0.0/16,::1,fd00::/8,loopback' }).TRUST_PROXY).toBe(
      '10.0.0.1, 192.168.0.0/16,::1,fd00::/8,loopback',
    );
  });
});
