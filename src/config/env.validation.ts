import { isIP } from 'node:net';
import { plainToInstance, Transform } from 'class-transformer';
import {
  getMetadataStorage,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/** The contract's limit of any body (413 past it). */
export const BODY_LIMIT_BYTES = 10 * 1024 * 1024;

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value.trim()) : value;
const httpUrl = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/**
 * Every setting the service reads. Validated once at boot: a bad value stops the start with a
 * message naming the variable. Documented in README.md ("Configuration").
 */
export class EnvironmentVariables {
  @IsOptional() @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsOptional() @IsString()
  HOST = '0.0.0.0';

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Folder of the embedded database and of the generated master key. */
  @IsOptional() @IsString() @MinLength(1)
  DATA_DIR = './data';

  /**
   * The embedded database's buffer cache (PostgreSQL's `shared_buffers`, inside PGlite's WASM
   * memory, which it fills at start): 16MB keeps the embedded default light; raise it for data
   * sets that outgrow it (the OS file cache still holds what the buffers don't).
   */
  @IsOptional() @Matches(/^[1-9][0-9]{0,6}(kB|MB|GB)$/, { message: 'EMBEDDED_SHARED_BUFFERS must be a size such as 16MB (kB, MB or GB)' })
  EMBEDDED_SHARED_BUFFERS = '16MB';

  /** When set, PostgreSQL is used instead of the embedded database. */
  @IsOptional() @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /** 32 bytes, base64 or hex: encrypts user keys and platform credentials at rest. */
  @IsOptional() @Matches(/^([A-Za-z0-9+/]{43}=|[A-Za-z0-9_-]{43}|[0-9a-fA-F]{64})$/, {
    message: 'SECRETS_KEY must be 32 bytes encoded as base64 (44 chars) or hex (64 chars)',
  })
  SECRETS_KEY?: string;

  @IsOptional() @IsEmail()
  SYNCELLO_ADMIN_EMAIL?: string;

  @IsOptional() @IsString() @MinLength(12) @MaxLength(1024)
  SYNCELLO_ADMIN_PASSWORD?: string;

  @IsOptional() @IsUrl(httpUrl)
  TAPE_API_URL = 'https://api.tapeapp.com/v1';

  @IsOptional() @IsUrl(httpUrl)
  PODIO_API_URL = 'https://api.podio.com';

  @IsOptional() @IsUrl(httpUrl)
  SHAREFILE_API_URL?: string;

  /** OAuth client used to refresh Podio access tokens (Podio answers 401 when one expired). */
  @IsOptional() @IsString() @MinLength(1)
  PODIO_CLIENT_ID?: string;

  @IsOptional() @IsString() @MinLength(1)
  PODIO_CLIENT_SECRET?: string;

  /** Podio's token endpoint; default `PODIO_API_URL` + `/oauth/token/v2`. */
  @IsOptional() @IsUrl(httpUrl)
  PODIO_TOKEN_URL?: string;

  @IsOptional() @IsString() @MinLength(1)
  SHAREFILE_CLIENT_ID?: string;

  @IsOptional() @IsString() @MinLength(1)
  SHAREFILE_CLIENT_SECRET?: string;

  /** ShareFile's token endpoint; default `https://{subdomain}.sharefile.com/oauth/token`. */
  @IsOptional() @IsUrl(httpUrl)
  SHAREFILE_TOKEN_URL?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(300_000)
  PLATFORM_TIMEOUT_MS = 15_000;

  /** A new database connection that is not ready within this many ms fails (503). PostgreSQL only. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(300_000)
  DATABASE_CONNECT_TIMEOUT_MS = 5_000;

  /**
   * Longest a statement may run: the server cancels it (`statement_timeout`), and the client
   * gives up 1 s later even if the server is frozen (`query_timeout`). PostgreSQL only.
   */
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(600_000)
  DATABASE_STATEMENT_TIMEOUT_MS = 10_000;

  /**
   * A request still unanswered after this many ms gets 503 in its surface's shape. A tool
   * execution gets three platform timeouts more (call, token refresh, retry), so a slow
   * platform answers its own 504 first.
   */
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(600_000)
  REQUEST_TIMEOUT_MS = 20_000;

  /** On SIGTERM/SIGINT: in-flight requests get this many ms to finish; past it the process exits 1. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(600_000)
  SHUTDOWN_TIMEOUT_MS = 10_000;

  /**
   * After load, once the service has been quiet this many ms, a full collection gives back
   * the heap V8 grew for it (needs `node --expose-gc`, as `npm start` runs it). 0 turns it off.
   */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(3_600_000)
  HEAP_TRIM_QUIET_MS = 60_000;

  /** The `iss` of the ID tokens this service signs (and the base of its discovery document). */
  @IsOptional() @IsUrl(httpUrl)
  SYNQ_ISSUER = 'http://localhost:3000';

  /** The `aud` of the ID tokens this service signs. */
  @IsOptional() @IsString() @MinLength(1)
  SYNQ_AUDIENCE = 'synq-api';

  /** An external identity provider whose ID tokens are also trusted: all three or none. */
  @IsOptional() @IsUrl(httpUrl)
  SYNQ_EXTERNAL_JWKS_URL?: string;

  @IsOptional() @IsString() @MinLength(1)
  SYNQ_EXTERNAL_ISSUER?: string;

  @IsOptional() @IsString() @MinLength(1)
  SYNQ_EXTERNAL_AUDIENCE?: string;

  /** An unknown `kid` refetches the keys at most once per this many ms. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(3_600_000)
  SYNQ_JWKS_REFETCH_COOLDOWN_MS = 30_000;

  /** When set, rate-limit counters live in Redis, shared by every instance (else in memory). */
  @IsOptional() @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** Prefix of every key this service writes to Redis. */
  @IsOptional() @Matches(/^[A-Za-z0-9:_.-]{1,64}$/, { message: 'REDIS_KEY_PREFIX must be 1 to 64 of A-Z a-z 0-9 : _ . -' })
  REDIS_KEY_PREFIX = 'syncello:';

  /** Proxies whose `X-Forwarded-For` is believed: comma-separated addresses or CIDRs (or loopback, linklocal, uniquelocal). */
  @IsOptional() @IsString()
  TRUST_PROXY?: string;

  /** Failed sign-ins in a row for one email from one address (per surface) before it is blocked. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1_000_000)
  RATE_LIMIT_LOGIN_FAILURES = 10;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(86_400 * 30)
  RATE_LIMIT_LOGIN_BLOCK_SECONDS = 900;

  /** Requests per minute per client address to the unauthenticated auth routes of one surface. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1_000_000)
  RATE_LIMIT_AUTH_PER_MINUTE = 60;

  /** Tool executions per minute per user (REST and MCP together). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1_000_000)
  RATE_LIMIT_TOOLS_PER_MINUTE = 120;

  /** Bounds of a JSON body (every route but the tools), checked before it is parsed. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1000)
  BODY_MAX_DEPTH = 32;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100_000)
  BODY_MAX_KEYS = 1000;

  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(100_000)
  BODY_MAX_ARRAY_ITEMS = 1000;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(10 * 1024 * 1024)
  BODY_MAX_STRING_LENGTH = 65_536;

  /** Bounds of a tool's input (`POST /v1/tools/{platform}/{tool}`): a tool body is small. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1024) @Max(BODY_LIMIT_BYTES)
  TOOL_BODY_LIMIT_BYTES = 1024 * 1024;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1000)
  TOOL_BODY_MAX_DEPTH = 12;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100_000)
  TOOL_BODY_MAX_KEYS = 256;

  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(100_000)
  TOOL_BODY_MAX_ARRAY_ITEMS = 256;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(10 * 1024 * 1024)
  TOOL_BODY_MAX_STRING_LENGTH = 32_768;

  /** Time a client has to send its request headers (408 past it; slowloris). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(300_000)
  HTTP_HEADERS_TIMEOUT_MS = 10_000;

  /** Time a client has to send its whole request, body included (408 past it). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(3_600_000)
  HTTP_REQUEST_TIMEOUT_MS = 60_000;
}

/** Every variable the class above declares (each has at least `@IsOptional()`), read from its metadata. */
export const ENVIRONMENT_VARIABLES: readonly (keyof EnvironmentVariables)[] = [
  ...new Set(getMetadataStorage().getTargetValidationMetadatas(EnvironmentVariables, '', true, false).map((m) => m.propertyName)),
] as (keyof EnvironmentVariables)[];

/** Used by ConfigModule.forRoot({ validate }). Throws with every offending variable named. */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  // Only the variables we know, and an empty one means "not set" (twelve-factor habit).
  const relevant: Record<string, unknown> = {};
  for (const key of ENVIRONMENT_VARIABLES) if (raw[key] !== undefined && raw[key] !== '') relevant[key] = raw[key];

  const config = plainToInstance(EnvironmentVariables, relevant, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false, forbidUnknownValues: true });
  const problems = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
  if (config.NODE_ENV === 'production' && !config.SECRETS_KEY) {
    problems.push('SECRETS_KEY: required when NODE_ENV=production');
  }
  if (Boolean(config.SYNCELLO_ADMIN_EMAIL) !== Boolean(config.SYNCELLO_ADMIN_PASSWORD)) {
    problems.push('SYNCELLO_ADMIN_EMAIL and SYNCELLO_ADMIN_PASSWORD: set both or neither');
  }
  const external = [config.SYNQ_EXTERNAL_JWKS_URL, config.SYNQ_EXTERNAL_ISSUER, config.SYNQ_EXTERNAL_AUDIENCE].filter(Boolean).length;
  if (external !== 0 && external !== 3) {
    problems.push('SYNQ_EXTERNAL_JWKS_URL, SYNQ_EXTERNAL_ISSUER and SYNQ_EXTERNAL_AUDIENCE: set all three or none');
  }
  if (config.TRUST_PROXY !== undefined && trustedProxies(config.TRUST_PROXY) === undefined) {
    problems.push('TRUST_PROXY: must be a comma-separated list of IP addresses, CIDRs, loopback, linklocal or uniquelocal');
  }
  if (config.HTTP_HEADERS_TIMEOUT_MS > config.HTTP_REQUEST_TIMEOUT_MS) {
    problems.push('HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS');
  }
  if (problems.length > 0) {
    throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return config;
}

const PROXY_PRESETS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** TRUST_PROXY as the list Fastify's `trustProxy` takes, or undefined when an entry is not an address, a CIDR or a preset. */
export function trustedProxies(value: string): string[] | undefined {
  const entries = value.split(',').map((e) => e.trim());
  const valid = entries.every((entry) => {
    if (PROXY_PRESETS.has(entry)) return true;
    const [address = '', bits, ...rest] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0) return false;
    if (bits === undefined) return true;
    return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
  });
  return valid && entries.length > 0 ? entries : undefined;
}
