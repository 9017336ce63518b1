import { Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { SecretBox } from '../common/crypto/secret-box.js';
import { API_KEY_ISSUER, SESSION_AUDIENCE, SESSION_TTL_SECONDS } from './syncello-token.constants.js';

@Injectable()
export class SessionTokenService {
  readonly verificationKey: KeyObject;

  constructor(secretBox: SecretBox) {
    this.verificationKey = createSecretKey(secretBox.deriveKey('syncello:session-token'));
  }

  issue(userId: string): { sessionToken: string; expiresIn: number } {
    const sessionToken = jwt.sign({ sub: userId }, this.verificationKey, {
      algorithm: 'HS256',
      issuer: API_KEY_ISSUER,
      audience: SESSION_AUDIENCE,
      expiresIn: SESSION_TTL_SECONDS,
    });
    return { sessionToken, expiresIn: SESSION_TTL_SECONDS };
  }
}
