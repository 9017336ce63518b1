import { createHmac, createPublicKey, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SigningKeyService } from '../../src/auth/signing-key.service.js';
import type { TestApp } from './app.js';
import { PASSWORD } from './syncello.js';

export const SYNQ_ISSUER = 'http://localhost:3000';
export const SYNQ_AUDIENCE = 'synq-api';

export const synqError = (error: string) => ({ error });
export const SYNQ_UNAUTHORIZED = synqError('Unauthorized: Missing or invalid Authorization header');
export const SYNQ_INSUFFICIENT = synqError('Forbidden: Insufficient permissions');

export interface SynqAccount {
  uid: string;
  tenantId: string;
  orgId: string;
  email: string;
  idToken: string;
  refreshToken: string;
}

export async function signup(t: TestApp, organizationName = 'Acme'): Promise<SynqAccount> {
  const email = `s-${randomUUID()}@example.com`;
  const response = await t.http.post('/api/v1/auth/signup').send({ email, password: PASSWORD, organizationName }).expect(201);
  return { ...(response.body as Omit<SynqAccount, 'email'>), email };
}

/** A member of `admin`'s organization with `role`, signed in. */
export async function addMember(t: TestApp, admin: SynqAccount, role: 'ADMIN' | 'EDITOR' | 'VIEWER'): Promise<SynqAccount> {
  const email = `m-${randomUUID()}@example.com`;
  const invited = await t.http.post('/api/v1/organization/members').set('Authorization', `Bearer ${admin.idToken}`).send({ email, role }).expect(201);
  const accepted = await t.http.post('/api/v1/auth/accept-invite').send({ inviteToken: invited.body.inviteToken, password: PASSWORD }).expect(200);
  return { uid: invited.body.uid as string, tenantId: admin.tenantId, orgId: admin.orgId, email, ...(accepted.body as { idToken: string; refreshToken: string }) };
}

/** The service's own current signing key, to mint tokens that differ from real ones in one way. */
export function ownSigningKey(app: NestFastifyApplication): { kid: string; privateKey: KeyObject } {
  return app.get(SigningKeyService).signingKey();
}

export function claimsFor(account: SynqAccount, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const iat = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    iss: SYNQ_ISSUER,
    aud: SYNQ_AUDIENCE,
    sub: account.uid,
    email: account.email,
    tenantid: account.tenantId,
    org_id: account.orgId,
    role: 'ADMIN',
    iat,
    exp: iat + 3600,
    ...overrides,
  };
  for (const [key, value] of Object.entries(claims)) if (value === undefined) delete claims[key];
  return claims;
}

/** RS256 over exactly these claims (hand-rolled: no library adds or drops one), header `{ alg, typ, kid, ...extra }`. */
export function signRs256(key: { kid: string; privateKey: KeyObject }, claims: Record<string, unknown>, header: Record<string, unknown> = {}): string {
  const input = `${b64({ alg: 'RS256', typ: 'JWT', kid: key.kid, ...header })}.${b64(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key.privateKey).toString('base64url')}`;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The classic confusion: HS256 with the RSA public key (PEM, as published) as the HMAC secret. */
export function hs256WithPublicKey(key: { kid: string; privateKey: KeyObject }, claims: Record<string, unknown>): string {
  const pem = createPublicKey(key.privateKey).export({ format: 'pem', type: 'spki' }) as string;
  const input = `${b64({ alg: 'HS256', typ: 'JWT', kid: key.kid })}.${b64(claims)}`;
  return `${input}.${createHmac('sha256', pem).update(input).digest('base64url')}`;
}

/** An RSA key pair of someone else's, for an external identity provider or a forger. */
export function newRsaKey(kid: string = randomUUID()): { kid: string; privateKey: KeyObject; jwk: Record<string, unknown> } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } };
}
