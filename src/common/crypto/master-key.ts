import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const KEY_FILE = 'secrets.key';

/**
 * The master key: `SECRETS_KEY` when set (required in production); otherwise one generated
 * on first start into `DATA_DIR/secrets.key` (mode 0600), with a warning.
 */
export function loadMasterKey(secretsKey: string | undefined, dataDir: string): Buffer {
  if (secretsKey) return decodeKey(secretsKey);

  const logger = new Logger('MasterKey');
  const dir = resolve(dataDir);
  const file = join(dir, KEY_FILE);
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    logger.warn(`SECRETS_KEY is not set: generated a master key in ${file}. Set SECRETS_KEY in production.`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  chmodSync(file, 0o600);
  return decodeKey(readFileSync(file, 'utf8').trim());
}

function decodeKey(text: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error('SECRETS_KEY: must decode to exactly 32 bytes');
  return key;
}
