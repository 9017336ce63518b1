import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box.js';

describe('SecretBox', () => {
  const sut = new SecretBox(randomBytes(32));

  it('round-trips and never repeats a ciphertext', () => {
    const a = sut.sealJson({ apiKey: 'k' }, 'ctx');
    const b = sut.sealJson({ apiKey: 'k' }, 'ctx');
    expect(a.equals(b)).toBe(false);
    expect(sut.openJson(a, 'ctx')).toEqual({ apiKey: 'k' });
    expect(a.includes(Buffer.from('apiKey'))).toBe(false);
  });

  it('refuses another context (a ciphertext copied into another row)', () => {
    const sealed = sut.seal(Buffer.from('secret'), 'syncello:user-secret:a');
    expect(() => sut.open(sealed, 'syncello:user-secret:b')).toThrow();
  });

  it('refuses a flipped bit and another key', () => {
    const sealed = sut.seal(Buffer.from('secret'), 'ctx');
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1]! ^= 1;
    expect(() => sut.open(flipped, 'ctx')).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'ctx')).toThrow();
  });

  it('derives distinct keys per purpose', () => {
    expect(sut.deriveKey('a').equals(sut.deriveKey('b'))).toBe(false);
    expect(sut.deriveKey('a').equals(sut.deriveKey('a'))).toBe(true);
  });
});
