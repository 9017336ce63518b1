import { ENVIRONMENT_VARIABLES, validateEnvironment } from './env.validation.js';

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

  it('reads exactly the variables the class declares (the list is derived from it)', () => {
    expect([...ENVIRONMENT_VARIABLES].sort()).toEqual(
      [
        'NODE_ENV', 'PORT', 'HOST', 'LOG_LEVEL', 'DATA_DIR', 'DATABASE_URL', 'SECRETS_KEY',
        'SYNCELLO_ADMIN_EMAIL', 'SYNCELLO_ADMIN_PASSWORD', 'TAPE_API_URL', 'PODIO_API_URL',
        'SHAREFILE_API_URL', 'PODIO_CLIENT_ID', 'PODIO_CLIENT_SECRET', 'PODIO_TOKEN_URL', 'SHAREFILE_CLIENT_ID',
        'SHAREFILE_CLIENT_SECRET', 'SHAREFILE_TOKEN_URL', 'PLATFORM_TIMEOUT_MS', 'SYNQ_ISSUER', 'SYNQ_AUDIENCE', 'SYNQ_EXTERNAL_JWKS_URL',
        'SYNQ_EXTERNAL_ISSUER', 'SYNQ_EXTERNAL_AUDIENCE', 'SYNQ_JWKS_REFETCH_COOLDOWN_MS',
      ].sort(),
    );
    expect(validateEnvironment({ SYNQ_JWKS_REFETCH_COOLDOWN_MS: '5' }).SYNQ_JWKS_REFETCH_COOLDOWN_MS).toBe(5);
  });
});
