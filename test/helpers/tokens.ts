import { createHmac } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { eq } from 'drizzle-orm';
import { SecretBox } from '../../src/common/crypto/secret-box.js';
import { Database } from '../../src/database/database.js';
import { syncelloUsers } from '../../src/database/schema.js';

export const asBearer = (token: string) => ({ Authorization: `Bearer ${token}` });

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An unsigned token: `{"alg":"none"}`. */
export function noneToken(payload: object): string {
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
}

/** Same header and signature, one claim changed. */
export function tamper(token: string, change: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
  return `${header}.${b64({ ...claims, ...change })}.${signature}`;
}

export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
}

/** The user's real signing secret, read the way the service stores it (to mint edge-case keys). */
export async function userSecret(app: NestFastifyApplication, userId: string): Promise<Buffer> {
  const database = app.get(Database);
  const [row] = await database.db.select({ secretKey: syncelloUsers.secretKey }).from(syncelloUsers).where(eq(syncelloUsers.id, userId));
  return app.get(SecretBox).open(row!.secretKey, `syncello:user-secret:${userId}`);
}

const HMAC = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' } as const;

/**
 * A token signed with `secret` exactly as given (hand-rolled, so no library adds, drops or
 * checks a claim): any payload, any HMAC algorithm, any extra header.
 */
export function signWith(secret: Buffer, payload: object, options: { algorithm?: keyof typeof HMAC; header?: Record<string, unknown> } = {}): string {
  const algorithm = options.algorithm ?? 'HS256';
  const input = `${b64({ alg: algorithm, typ: 'JWT', ...options.header })}.${b64(payload)}`;
  return `${input}.${createHmac(HMAC[algorithm], secret).update(input).digest('base64url')}`;
}
