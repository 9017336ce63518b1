import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-jwt';
import { jwtFromBearer } from './bearer-token.js';
import { SessionTokenService } from './session-token.service.js';
import type { SyncelloPrincipal } from './syncello-principal.js';
import { isUuid } from '../common/ids/uuid-v7.js';
import { API_KEY_ISSUER, SESSION_AUDIENCE } from './syncello-token.constants.js';
import { UserKeyCache } from './user-key.cache.js';

export const SESSION_STRATEGY = 'syncello-session';

interface SessionPayload {
  sub?: unknown;
  exp?: unknown;
}

/**
 * Dashboard sessions: HS256 with a server key derived from the master key (never a user's
 * secret), audience `syncello-dashboard`, 15 minutes. The role is read from the user cache
 * at each request, so a role change applies at once.
 */
@Injectable()
export class SessionStrategy extends PassportStrategy(Strategy, SESSION_STRATEGY) {
  constructor(
    sessions: SessionTokenService,
    private readonly users: UserKeyCache,
  ) {
    super({
      jwtFromRequest: jwtFromBearer,
      secretOrKey: sessions.verificationKey as never,
      algorithms: ['HS256'],
      issuer: API_KEY_ISSUER,
      audience: SESSION_AUDIENCE,
    });
  }

  async validate(payload: SessionPayload): Promise<SyncelloPrincipal | false> {
    if (typeof payload.exp !== 'number' || typeof payload.sub !== 'string' || !isUuid(payload.sub)) return false;
    const user = await this.users.get(payload.sub);
    if (!user) return false;
    return { kind: 'session', userId: user.id, email: user.email, role: user.role };
  }
}
