import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import jwt from 'jsonwebtoken';
import type { EnvironmentVariables } from '../config/env.validation.js';
import type { SynqRole } from '../common/enums.js';
import { ID_TOKEN_TTL_SECONDS } from './id-token.constants.js';
import { SigningKeyService } from './signing-key.service.js';
import { TOKEN_VERSION_CLAIM } from './token-revocations.service.js';

export interface IdTokenSubject {
  id: string;
  email: string;
  tenantId: string;
  orgId: string;
  role: SynqRole;
  /** The user's token version, read with the claims above (see TokenRevocationsService). */
  tokenVersion: number;
}

/** Signs Synq ID tokens: RS256 with the current key, `kid` in the header, one hour. */
@Injectable()
export class IdTokenService {
  private readonly issuer: string;
  private readonly audience: string;

  constructor(
    private readonly keys: SigningKeyService,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.issuer = config.get('SYNQ_ISSUER', { infer: true });
    this.audience = config.get('SYNQ_AUDIENCE', { infer: true });
  }

  /** Whether a verified token's issuer is this service (and not the external identity provider). */
  isOwnIssuer(issuer: string): boolean {
    return issuer === this.issuer;
  }

  issue(subject: IdTokenSubject): { idToken: string; expiresIn: number } {
    const { kid, privateKey } = this.keys.signingKey();
    const iat = Math.floor(Date.now() / 1000);
    const claims = {
      iss: this.issuer,
      aud: this.audience,
      sub: subject.id,
      email: subject.email,
      tenantid: subject.tenantId,
      org_id: subject.orgId,
      role: subject.role,
      [TOKEN_VERSION_CLAIM]: subject.tokenVersion,
      iat,
      exp: iat + ID_TOKEN_TTL_SECONDS,
    };
    const idToken = jwt.sign(claims, privateKey, { algorithm: 'RS256', keyid: kid, header: { alg: 'RS256', typ: 'JWT', kid } });
    return { idToken, expiresIn: ID_TOKEN_TTL_SECONDS };
  }
}
