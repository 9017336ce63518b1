import { Injectable } from '@nestjs/common';
import type { VerifiedIdToken } from './synq-principal.js';

const MAX_ENTRIES = 10_000;

/**
 * Tokens already verified, so a client sending the same ID token again costs a map lookup
 * instead of an RSA verification. An entry lives no longer than its token's `exp`; the map
 * is bounded (the least recently used goes first).
 */
@Injectable()
export class IdTokenCache {
  private readonly entries = new Map<string, { verified: VerifiedIdToken; expiresAtMs: number }>();

  get(token: string): VerifiedIdToken | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    this.entries.delete(token);
    if (entry.expiresAtMs <= Date.now()) return undefined;
    this.entries.set(token, entry); // most recently used last
    return entry.verified;
  }

  set(token: string, verified: VerifiedIdToken): void {
    const exp = verified.claims.exp;
    if (typeof exp !== 'number') return;
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(token, { verified, expiresAtMs: exp * 1000 });
  }

  get size(): number {
    return this.entries.size;
  }
}
