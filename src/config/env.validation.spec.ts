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
        'NODE_ENV', 'PORT', 'HOST', 'LOG_LEVEL', 'DATA_DIR', 'EMBEDDED_SHARED_BUFFERS', 'DATABASE_URL', 'SECRETS_KEY',
        'SYNCELLO_ADMIN_EMAIL', 'SYNCELLO_ADMIN_PASSWORD', 'TAPE_API_URL', 'PODIO_API_URL',
        'SHAREFILE_API_URL', 'PODIO_CLIENT_ID', 'PODIO_CLIENT_SECRET', 'PODIO_TOKEN_URL', 'SHAREFILE_CLIENT_ID',
        'SHAREFILE_CLIENT_SECRET', 'SHAREFILE_TOKEN_URL', 'PLATFORM_TIMEOUT_MS', 'SYNQ_ISSUER', 'SYNQ_AUDIENCE', 'SYNQ_EXTERNAL_JWKS_URL',
        'SYNQ_EXTERNAL_ISSUER', 'SYNQ_EXTERNAL_AUDIENCE', 'SYNQ_JWKS_REFETCH_COOLDOWN_MS',
        'DATABASE_CONNECT_TIMEOUT_MS', 'DATABASE_STATEMENT_TIMEOUT_MS', 'REQUEST_TIMEOUT_MS', 'SHUTDOWN_TIMEOUT_MS', 'HEAP_TRIM_QUIET_MS',
        'BODY_MAX_DEPTH', 'BODY_MAX_KEYS', 'BODY_MAX_ARRAY_ITEMS', 'BODY_MAX_STRING_LENGTH', 'TOOL_BODY_LIMIT_BYTES',
        'TOOL_BODY_MAX_DEPTH', 'TOOL_BODY_MAX_KEYS', 'TOOL_BODY_MAX_ARRAY_ITEMS', 'TOOL_BODY_MAX_STRING_LENGTH',
        'HTTP_HEADERS_TIMEOUT_MS', 'HTTP_REQUEST_TIMEOUT_MS',
        'REDIS_URL', 'REDIS_KEY_PREFIX', 'TRUST_PROXY', 'RATE_LIMIT_LOGIN_FAILURES', 'RATE_LIMIT_LOGIN_BLOCK_SECONDS',
        'RATE_LIMIT_AUTH_PER_MINUTE', 'RATE_LIMIT_TOOLS_PER_MINUTE',
      ].sort(),
    );
    expect(validateEnvironment({ SYNQ_JWKS_REFETCH_COOLDOWN_MS: '5' }).SYNQ_JWKS_REFETCH_COOLDOWN_MS).toBe(5);
  });

  it('keeps the embedded buffer cache small by default, and refuses a size that is not one', () => {
    expect(validateEnvironment({}).EMBEDDED_SHARED_BUFFERS).toBe('16MB');
    expect(validateEnvironment({ EMBEDDED_SHARED_BUFFERS: '256MB' }).EMBEDDED_SHARED_BUFFERS).toBe('256MB');
    expect(() => validateEnvironment({ EMBEDDED_SHARED_BUFFERS: '16MB; DROP' })).toThrow('EMBEDDED_SHARED_BUFFERS must be a size such as 16MB (kB, MB or GB)');
    expect(() => validateEnvironment({ EMBEDDED_SHARED_BUFFERS: '0MB' })).toThrow(/EMBEDDED_SHARED_BUFFERS/);
  });

  it('bounds bodies by default, tool inputs more strictly', () => {
    expect(validateEnvironment({})).toMatchObject({
      BODY_MAX_DEPTH: 32, BODY_MAX_KEYS: 1000, BODY_MAX_ARRAY_ITEMS: 1000, BODY_MAX_STRING_LENGTH: 65536,
      TOOL_BODY_LIMIT_BYTES: 1048576, TOOL_BODY_MAX_DEPTH: 12, TOOL_BODY_MAX_KEYS: 256, TOOL_BODY_MAX_ARRAY_ITEMS: 256, TOOL_BODY_MAX_STRING_LENGTH: 32768,
      HTTP_HEADERS_TIMEOUT_MS: 10000, HTTP_REQUEST_TIMEOUT_MS: 60000,
    });
    expect(() => validateEnvironment({ BODY_MAX_DEPTH: '0', TOOL_BODY_LIMIT_BYTES: String(11 * 1024 * 1024) })).toThrow(/BODY_MAX_DEPTH: .*\n.*TOOL_BODY_LIMIT_BYTES: /s);
    expect(() => validateEnvironment({ HTTP_HEADERS_TIMEOUT_MS: '5000', HTTP_REQUEST_TIMEOUT_MS: '1000' })).toThrow('HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS');
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
