import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { EnvironmentVariables } from '../config/env.validation.js';
import { SigningKeyService } from './signing-key.service.js';

const JWKS_TIMEOUT_MS = 5_000;
const MAX_JWKS_BYTES = 256 * 1024;

export interface TrustedIssuer {
  issuer: string;
  audience: string;
  /** The issuer's public key for `kid`; refetched at most once per cooldown when unknown. */
  publicKey(kid: string): Promise<KeyObject | undefined>;
}

/** Remembers when it last went to the source, so unknown `kid`s cannot make it go every time. */
class Cooldown {
  private last = Number.NEGATIVE_INFINITY;
  constructor(private readonly ms: number) {}
  take(): boolean {
    if (Date.now() - this.last < this.ms) return false;
    this.last = Date.now();
    return true;
  }
}

/**
 * The issuers whose ID tokens are accepted, each with its own audience and keys: this
 * service (its signing keys, from the database) and optionally one external identity
 * provider (its JWKS, fetched from configuration only, never from a URL a token names).
 */
@Injectable()
export class TrustedIssuersService {
  private readonly logger = new Logger(TrustedIssuersService.name);
  private readonly byIssuer = new Map<string, TrustedIssuer>();

  constructor(config: ConfigService<EnvironmentVariables, true>, signingKeys: SigningKeyService) {
    const cooldownMs = config.get('SYNQ_JWKS_REFETCH_COOLDOWN_MS', { infer: true });
    const own = new Cooldown(cooldownMs);
    this.add({
      issuer: config.get('SYNQ_ISSUER', { infer: true }),
      audience: config.get('SYNQ_AUDIENCE', { infer: true }),
      async publicKey(kid) {
        const known = signingKeys.publicKey(kid);
        if (known || !own.take()) return known;
        await signingKeys.reload();
        return signingKeys.publicKey(kid);
      },
    });

    const url = config.get('SYNQ_EXTERNAL_JWKS_URL', { infer: true });
    const issuer = config.get('SYNQ_EXTERNAL_ISSUER', { infer: true });
    const audience = config.get('SYNQ_EXTERNAL_AUDIENCE', { infer: true });
    if (url && issuer && audience) this.add(this.external(url, issuer, audience, new Cooldown(cooldownMs)));
  }

  get(issuer: unknown): TrustedIssuer | undefined {
    return typeof issuer === 'string' ? this.byIssuer.get(issuer) : undefined;
  }

  get issuers(): string[] {
    return [...this.byIssuer.keys()];
  }

  get audiences(): string[] {
    return [...new Set([...this.byIssuer.values()].map((i) => i.audience))];
  }

  private add(issuer: TrustedIssuer): void {
    this.byIssuer.set(issuer.issuer, issuer);
  }

  private external(url: string, issuer: string, audience: string, cooldown: Cooldown): TrustedIssuer {
    let keys = new Map<string, KeyObject>();
    let fetching: Promise<void> | undefined;
    const fetchKeys = async () => {
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(JWKS_TIMEOUT_MS), redirect: 'error', headers: { Accept: 'application/json' } });
        const text = await response.text();
        if (!response.ok || text.length > MAX_JWKS_BYTES) throw new Error(`JWKS answered ${response.status} (${text.length} bytes)`);
        keys = parseJwks(JSON.parse(text) as unknown);
      } catch (error) {
        this.logger.warn({ err: error }, 'could not fetch the external JWKS; keeping the keys known so far');
      }
    };
    return {
      issuer,
      audience,
      async publicKey(kid) {
        const known = keys.get(kid);
        if (known || !cooldown.take()) return known;
        fetching ??= fetchKeys().finally(() => (fetching = undefined));
        await fetching;
        return keys.get(kid);
      },
    };
  }
}

/** RSA signing keys with a `kid`; anything else in the set is ignored. */
export function parseJwks(document: unknown): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  const list = (document as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(list)) return keys;
  for (const jwk of list as Array<Record<string, unknown>>) {
    if (jwk?.kty !== 'RSA' || typeof jwk.kid !== 'string') continue;
    if (jwk.alg !== undefined && jwk.alg !== 'RS256') continue;
    if (jwk.use !== undefined && jwk.use !== 'sig') continue;
    try {
      keys.set(jwk.kid, createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e } as never, format: 'jwk' }));
    } catch {
      // A malformed key is skipped, not fatal.
    }
  }
  return keys;
}
