import type { ConfigService } from '@nestjs/config';
import type { EnvironmentVariables } from '../config/env.validation.js';
import type { Database } from '../database/database.js';
import type { VerifiedIdToken } from './synq-principal.js';
import { TokenRevocationsService } from './token-revocations.service.js';

const ISSUER = 'http://localhost:3000';
const config = { get: () => ISSUER } as unknown as ConfigService<EnvironmentVariables, true>;
const token = (claims: Record<string, unknown>, issuer = ISSUER): VerifiedIdToken => ({ kind: 'synq-id-token', issuer, claims: { sub: 'u1', ...claims } });

describe('TokenRevocationsService (in memory)', () => {
  // The database is only used by the listener and reload, not by these checks.
  const sut = () => new TokenRevocationsService(undefined as unknown as Database, config);

  it('refuses tokens below the minimum version, accepts the minimum and above', () => {
    const revocations = sut();
    expect(revocations.isRevoked(token({ token_version: 0 }))).toBe(false);
    revocations.apply({ userId: 'u1', minTokenVersion: 2 });
    expect(revocations.isRevoked(token({ token_version: 1 }))).toBe(true);
    expect(revocations.isRevoked(token({}))).toBe(true); // no claim counts as version 0
    expect(revocations.isRevoked(token({ token_version: '9' }))).toBe(true); // not a number: version 0
    expect(revocations.isRevoked(token({ token_version: 2 }))).toBe(false);
    expect(revocations.isRevoked(token({ token_version: 1, sub: 'u2' }))).toBe(false);
  });

  it('never lowers a revocation (late or repeated messages are harmless)', () => {
    const revocations = sut();
    revocations.apply({ userId: 'u1', minTokenVersion: 5 });
    revocations.apply({ userId: 'u1', minTokenVersion: 3 });
    expect(revocations.isRevoked(token({ token_version: 4 }))).toBe(true);
  });

  it('applies to this service\'s tokens only, and forgets a revocation once every token it refused has expired', () => {
    const revocations = sut();
    revocations.apply({ userId: 'u1', minTokenVersion: 1 });
    expect(revocations.isRevoked(token({}, 'https://idp.example.test/'))).toBe(false);
    revocations.apply({ userId: 'u3', minTokenVersion: 1 }, Date.now() - 1);
    (revocations as unknown as { prune(): void }).prune();
    expect(revocations.isRevoked(token({ sub: 'u3' }))).toBe(false);
    expect(revocations.isRevoked(token({}))).toBe(true);
  });

  it('a reload asked for while a read runs gets a read of its own, after it (the feed is back: read again)', async () => {
    // A table whose reads answer when the test says so, each with the rows as they were when it started.
    const table: Array<{ userId: string; minTokenVersion: number; revokedAt: Date }> = [];
    const answers: Array<() => void> = [];
    const where = () => {
      const snapshot = [...table];
      return new Promise((resolve) => answers.push(() => resolve(snapshot)));
    };
    const database = { db: { select: () => ({ from: () => ({ where }) }) } } as unknown as Database;
    const revocations = new TokenRevocationsService(database, config);

    const first = revocations.reload(); // the feed dropped
    table.push({ userId: 'u1', minTokenVersion: 1, revokedAt: new Date() }); // revoked unheard
    const second = revocations.reload(); // the feed is back
    const third = revocations.reload(); // shares the queued read
    answers.shift()!();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    expect(answers).toHaveLength(1);
    answers.shift()!();
    await Promise.all([second, third]);
    expect(answers).toHaveLength(0);
    expect(revocations.isRevoked(token({ token_version: 0 }))).toBe(true);
  });
});
