import { IdTokenCache } from './id-token.cache.js';
import type { VerifiedIdToken } from './synq-principal.js';

const verified = (exp: number): VerifiedIdToken => ({ kind: 'synq-id-token', issuer: 'iss', claims: { exp } });
const inSeconds = (s: number) => Math.floor(Date.now() / 1000) + s;

describe('IdTokenCache', () => {
  it('serves a verified token until its exp, then forgets it', () => {
    const sut = new IdTokenCache();
    const live = verified(inSeconds(60));
    sut.set('a', live);
    sut.set('b', verified(inSeconds(-1)));
    expect(sut.get('a')).toBe(live);
    expect(sut.get('b')).toBeUndefined();
    expect(sut.size).toBe(1);
  });

  it('does not cache a token without a numeric exp', () => {
    const sut = new IdTokenCache();
    sut.set('a', { kind: 'synq-id-token', issuer: 'iss', claims: {} });
    expect(sut.size).toBe(0);
  });

  it('stays bounded, dropping the least recently used', () => {
    const sut = new IdTokenCache();
    const exp = inSeconds(60);
    for (let i = 0; i < 10_000; i++) sut.set(`t${i}`, verified(exp));
    expect(sut.get('t0')).toBeDefined(); // touched: now the most recent
    sut.set('new', verified(exp));
    expect(sut.size).toBe(10_000);
    expect(sut.get('t1')).toBeUndefined();
    expect(sut.get('t0')).toBeDefined();
    expect(sut.get('new')).toBeDefined();
  });
});
