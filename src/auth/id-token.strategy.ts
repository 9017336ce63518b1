import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import jwt from 'jsonwebtoken';
import { Strategy } from 'passport-jwt';
import { jwtFromBearer } from './bearer-token.js';
import { CLOCK_SKEW_SECONDS, ID_TOKEN_TTL_SECONDS, SYNQ_ID_TOKEN_STRATEGY } from './id-token.constants.js';
import type { VerifiedIdToken } from './synq-principal.js';
import { TrustedIssuersService } from './trusted-issuers.service.js';

/** Header parameters that point at a key: never followed, so a token carrying one is refused. */
const KEY_POINTERS = ['jku', 'x5u', 'jwk', 'x5c', 'crit'];

/**
 * Synq ID tokens. The unverified header and `iss` only choose among keys we already trust:
 * RS256 pinned, a `kid` of that issuer (an unknown one refetches its keys at most once per
 * cooldown). jsonwebtoken then verifies the signature, issuer, audience, `exp` and `nbf` with
 * 30 s of skew; `validate` adds the rules it does not know.
 */
@Injectable()
export class IdTokenStrategy extends PassportStrategy(Strategy, SYNQ_ID_TOKEN_STRATEGY) {
  constructor(private readonly issuers: TrustedIssuersService) {
    super({
      jwtFromRequest: jwtFromBearer,
      algorithms: ['RS256'],
      issuer: issuers.issuers,
      audience: issuers.audiences,
      jsonWebTokenOptions: { clockTolerance: CLOCK_SKEW_SECONDS },
      secretOrKeyProvider: (_request: unknown, token: string, done: (err: unknown, key?: string | Buffer) => void) => {
        const decoded = jwt.decode(token, { complete: true });
        if (!decoded || typeof decoded.payload !== 'object') return done(new Error('undecodable token'));
        const header = decoded.header as unknown as Record<string, unknown>;
        if (header.alg !== 'RS256' || typeof header.kid !== 'string' || KEY_POINTERS.some((p) => p in header)) {
          return done(new Error('unacceptable header'));
        }
        const issuer = issuers.get(decoded.payload.iss);
        if (!issuer) return done(new Error('untrusted issuer'));
        issuer.publicKey(header.kid).then(
          (key) => (key ? done(null, key as unknown as Buffer) : done(new Error('unknown kid'))),
          (error: unknown) => done(error),
        );
      },
    });
  }

  validate(payload: Record<string, unknown>): VerifiedIdToken | false {
    const issuer = this.issuers.get(payload.iss);
    if (!issuer) return false;
    // Each issuer has its own audience: a token of one issuer for another's audience is refused.
    const aud = payload.aud;
    if (!(aud === issuer.audience || (Array.isArray(aud) && aud.includes(issuer.audience)))) return false;
    const { iat, exp, sub } = payload;
    if (typeof iat !== 'number' || typeof exp !== 'number' || !Number.isFinite(iat) || !Number.isFinite(exp)) return false;
    if (exp - iat > ID_TOKEN_TTL_SECONDS) return false;
    if (iat > Date.now() / 1000 + CLOCK_SKEW_SECONDS) return false;
    if (typeof sub !== 'string' || sub.length === 0) return false;
    return { kind: 'synq-id-token', issuer: issuer.issuer, claims: payload };
  }
}
