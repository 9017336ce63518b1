import { createHash } from 'node:crypto';

/** SHA-256 of a token, as stored in place of refresh and invite tokens. */
export const sha256 = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();
