import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import jwt from 'jsonwebtoken';
import { Strategy } from 'passport-jwt';
import { jwtFromBearer } from './bearer-token.js';
import type { SyncelloPrincipal } from './syncello-principal.js';
import { type CachedUser, UserKeyCache } from './user-key.cache.js';
import { isUuid } from '../common/ids/uuid-v7.js';
import { API_KEY_ISSUER, KEY_LOOKUP_FAULT, MAX_FUTURE_IAT_SECONDS, VERIFIED_WITH } from './syncello-token.constants.js';

export const API_KEY_STRATEGY = 'syncello-api-key';

interface ApiKeyPayload {
  sub: string;
  iat?: unknown;
  iss: string;
  aud?: unknown;
}

/**
 * Syncello API keys: HS256 JWTs signed with the user's own secret. The unverified token is
 * read only to find the key: its header must say HS256 without `crit`, and its `sub` must be
 * a uuid before it is looked up. jsonwebtoken then verifies the signature with HS256 pinned,
 * the issuer, and `exp`/`nbf` when present; `validate` adds what it does not check.
 */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(Strategy, API_KEY_STRATEGY) {
  constructor(users: UserKeyCache) {
    super({
      jwtFromRequest: jwtFromBearer,
      algorithms: ['HS256'],
      issuer: API_KEY_ISSUER,
      passReqToCallback: true,
      secretOrKeyProvider: (request: FastifyRequest, token: string, done: (err: unknown, key?: string | Buffer) => void) => {
        const decoded = jwt.decode(token, { complete: true });
        if (!decoded || typeof decoded.payload !== 'object') return done(new Error('undecodable token'));
        const { header, payload } = decoded;
        if (header.alg !== 'HS256' || 'crit' in header) return done(new Error('unacceptable header'));
        const sub = payload.sub;
        if (typeof sub !== 'string' || !isUuid(sub)) return done(new Error('sub is not a uuid'));
        Promise.resolve(users.get(sub)).then(
          (user) => {
            if (!user) return done(new Error('unknown user'));
            (request as unknown as Record<symbol, unknown>)[VERIFIED_WITH] = user;
            done(null, user.key as unknown as Buffer);
          },
          (error: unknown) => {
            (request as unknown as Record<symbol, unknown>)[KEY_LOOKUP_FAULT] = error;
            done(error);
          },
        );
      },
    });
  }

  validate(request: FastifyRequest, payload: ApiKeyPayload): SyncelloPrincipal | false {
    if (typeof payload.iat !== 'number' || !Number.isFinite(payload.iat)) return false;
    if (payload.iat > Date.now() / 1000 + MAX_FUTURE_IAT_SECONDS) return false;
    // A dashboard session carries an audience; an API key never does.
    if (payload.aud !== undefined) return false;
    // The role is the one of the very entry whose key verified the signature.
    const user = (request as unknown as Record<symbol, CachedUser | undefined>)[VERIFIED_WITH];
    if (!user || user.id !== payload.sub) return false;
    return { kind: 'api-key', userId: user.id, email: user.email, role: user.role };
  }
}
