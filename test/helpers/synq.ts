import { createHmac, createPublicKey, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SigningKeyService } from '../../src/auth/signing-key.service.js';
import type { TestApp } from './app.js';
import { PASSWORD } from './syncello.js';
import { noneToken, tamper } from './tokens.js';

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

/**
 * The ID tokens every Synq route refuses with the 401, built at test time from the accounts
 * the file signed up (`other` is whom a tampered claim points to) and our signing key.
 */
export function forgedIdTokens(
  get: () => { admin: SynqAccount; other: SynqAccount; key: { kid: string; privateKey: KeyObject } },
): Array<[string, () => string | undefined]> {
  const now = () => Math.floor(Date.now() / 1000);
  const signed = (overrides: Record<string, unknown> = {}, header: Record<string, unknown> = {}) => {
    const { admin, key } = get();
    return signRs256(key, claimsFor(admin, overrides), header);
  };
  return [
    ['no header', () => undefined],
    ['not a JWT', () => 'garbage'],
    ['alg none', () => noneToken(claimsFor(get().admin))],
    ['a tampered claim', () => tamper(get().admin.idToken, { tenantid: get().other.tenantId })],
    ['a tampered role', () => tamper(get().admin.idToken, { role: 'ADMIN', sub: get().other.uid })],
    ['HS256 signed with the public key', () => hs256WithPublicKey(get().key, claimsFor(get().admin))],
    ['an expired token', () => signed({ iat: now() - 3700, exp: now() - 100 })],
    ['a lifetime over an hour', () => signed({ iat: now(), exp: now() + 3601 })],
    ['no exp', () => signed({ exp: undefined })],
    ['no iat', () => signed({ iat: undefined })],
    ['iat in the future', () => signed({ iat: now() + 120, exp: now() + 1800 })],
    ['nbf in the future', () => signed({ nbf: now() + 120 })],
    ['a wrong issuer', () => signed({ iss: 'https://evil.example' })],
    ['a wrong audience', () => signed({ aud: 'someone-else' })],
    ['our issuer signed by a stranger', () => signRs256({ ...newRsaKey(), kid: get().key.kid }, claimsFor(get().admin))],
    ['an unknown kid', () => signRs256(newRsaKey(), claimsFor(get().admin))],
    ['a jku header', () => signed({}, { jku: 'https://evil.example/jwks' })],
    ['an x5u header', () => signed({}, { x5u: 'https://evil.example/cert' })],
    ['an embedded jwk', () => signed({}, { jwk: newRsaKey().jwk })],
    ['a crit header', () => signed({}, { crit: ['exp'] })],
  ];
}

/** Claims a verified ID token may carry that every Synq route refuses, with the contract's 403 message. */
export const CLAIM_REFUSALS: Array<[string, Record<string, unknown>, string]> = [
  ['tenantid', { tenantid: undefined }, 'Forbidden: Missing tenantid claim'],
  ['org_id', { org_id: undefined }, 'Forbidden: Missing org_id claim'],
  ['role', { role: undefined }, 'Forbidden: Missing role claim'],
  ['all three (tenantid wins)', { tenantid: undefined, org_id: undefined, role: undefined }, 'Forbidden: Missing tenantid claim'],
  ['org_id and role (org_id wins)', { org_id: undefined, role: undefined }, 'Forbidden: Missing org_id claim'],
  ['an empty tenantid', { tenantid: '' }, 'Forbidden: Missing tenantid claim'],
  ['a numeric org_id', { org_id: 42 }, 'Forbidden: Missing org_id claim'],
  ['a role array', { role: ['ADMIN'] }, 'Forbidden: Missing role claim'],
  ['a null role', { role: null }, 'Forbidden: Missing role claim'],
  ['a lower-case role', { role: 'admin' }, 'Forbidden: Insufficient permissions'],
  ['a padded role', { role: 'ADMIN ' }, 'Forbidden: Insufficient permissions'],
  ['an unknown role', { role: 'OWNER' }, 'Forbidden: Insufficient permissions'],
];
