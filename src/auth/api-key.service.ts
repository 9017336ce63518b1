import { Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { randomBytes, type KeyObject } from 'node:crypto';
import { SecretBox } from '../common/crypto/secret-box.js';
import { API_KEY_ISSUER } from './syncello-token.constants.js';
import { userSecretContext } from './user-key.cache.js';

const SECRET_BYTES = 32;

/** Per-user secrets and the API keys (JWTs) signed with them. */
@Injectable()
export class ApiKeyService {
  constructor(private readonly secretBox: SecretBox) {}

  /** A new 256-bit secret, sealed for storage in the user's row. */
  newSealedSecret(userId: string): Buffer {
    return this.secretBox.seal(randomBytes(SECRET_BYTES), userSecretContext(userId));
  }

  /** Exactly `{ sub, iat, iss }`, header `{ alg: HS256, typ: JWT }`, no expiry. */
  sign(userId: string, key: KeyObject | Buffer): string {
    return jwt.sign({ sub: userId, iat: Math.floor(Date.now() / 1000), iss: API_KEY_ISSUER }, key, {
      algorithm: 'HS256',
    });
  }

  signWithSealed(userId: string, sealed: Buffer): string {
    return this.sign(userId, this.secretBox.open(sealed, userSecretContext(userId)));
  }
}
