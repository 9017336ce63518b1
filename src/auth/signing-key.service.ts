import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { desc, gt, isNull, or } from 'drizzle-orm';
import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { SecretBox } from '../common/crypto/secret-box.js';
import { type ChangeFeed, Database } from '../database/database.js';
import { synqSigningKeys } from '../database/schema.js';
import { ID_TOKEN_TTL_SECONDS, CLOCK_SKEW_SECONDS } from './id-token.constants.js';
import { QueuedReload } from '../common/async/queued-reload.js';

const generateRsa = promisify(generateKeyPair);
export const SIGNING_KEYS_CHANNEL = 'synq_signing_keys_changed';
/** A retired key stays published while a token it signed may still be alive. */
const RETIRED_KEY_GRACE_MS = (ID_TOKEN_TTL_SECONDS + CLOCK_SKEW_SECONDS) * 1000;

interface LoadedKey {
  kid: string;
  publicKey: KeyObject;
  publicJwk: Record<string, string>;
  privateKey: KeyObject;
  createdAt: Date;
  retiredAt: Date | null;
}

const context = (kid: string) => `synq:signing-key:${kid}`;

/**
 * The service's own RS256 keys: generated on first start, sealed at rest, rotatable. Every
 * instance holds them in memory and reloads when the database announces a change; the newest
 * unretired key signs, every key still published verifies.
 */
@Injectable()
export class SigningKeyService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SigningKeyService.name);
  private keys = new Map<string, LoadedKey>();
  private current?: LoadedKey;
  /** At most one read running and one queued behind it (see reload). */
  private readonly reloads = new QueuedReload(() => this.read());
  private feed?: ChangeFeed;

  constructor(
    private readonly database: Database,
    private readonly secretBox: SecretBox,
  ) {}

  async onModuleInit(): Promise<void> {
    // A reset comes when the feed drops and again once it is back: the second reload reads
    // whatever changed unheard in between.
    this.feed = await this.database.listen(SIGNING_KEYS_CHANNEL, {
      onMessage: () => void this.reload().catch((error: unknown) => this.logger.error({ err: error }, 'reloading signing keys failed')),
      onReset: () => void this.reload().catch(() => undefined),
    });
    await this.reload();
    if (!this.current) await this.rotate();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.feed?.close();
  }

  signingKey(): { kid: string; privateKey: KeyObject } {
    if (!this.current) throw new Error('no signing key loaded');
    return this.current;
  }

  /** The public key for a `kid` of ours, or undefined when unknown (or retired too long ago). */
  publicKey(kid: string): KeyObject | undefined {
    const key = this.keys.get(kid);
    return key && this.isPublished(key) ? key.publicKey : undefined;
  }

  jwks(): { keys: Array<Record<string, string>> } {
    return { keys: [...this.keys.values()].filter((k) => this.isPublished(k)).map((k) => k.publicJwk) };
  }

  /** A new signing key; the previous one is retired but stays published for an hour. */
  async rotate(): Promise<string> {
    const { privateKey } = await generateRsa('rsa', { modulusLength: 2048 });
    const kid = randomBytes(12).toString('base64url');
    const publicJwk = { ...(createPublicKey(privateKey).export({ format: 'jwk' }) as Record<string, string>), kid, alg: 'RS256', use: 'sig' };
    const sealed = this.secretBox.seal(privateKey.export({ format: 'der', type: 'pkcs8' }), context(kid));
    await this.database.db.transaction(async (tx) => {
      await tx.update(synqSigningKeys).set({ retiredAt: new Date() }).where(isNull(synqSigningKeys.retiredAt));
      await tx.insert(synqSigningKeys).values({ kid, privateKey: sealed, publicJwk });
    });
    this.logger.log(`new Synq signing key ${kid}`);
    await this.read();
    return kid;
  }

  /**
   * Reads the keys again. A read already running may have started before the change that
   * asks for this one, so callers then share one more read queued behind it.
   */
  reload(): Promise<void> {
    return this.reloads.reload();
  }

  private async read(): Promise<void> {
    const since = new Date(Date.now() - RETIRED_KEY_GRACE_MS);
    const rows = await this.database.db
      .select()
      .from(synqSigningKeys)
      .where(or(isNull(synqSigningKeys.retiredAt), gt(synqSigningKeys.retiredAt, since)))
      .orderBy(desc(synqSigningKeys.createdAt));
    const keys = new Map<string, LoadedKey>();
    for (const row of rows) {
      const known = this.keys.get(row.kid);
      const privateKey = known?.privateKey ?? createPrivateKey({ key: this.secretBox.open(row.privateKey, context(row.kid)), format: 'der', type: 'pkcs8' });
      keys.set(row.kid, {
        kid: row.kid,
        privateKey,
        publicKey: known?.publicKey ?? createPublicKey(privateKey),
        publicJwk: row.publicJwk,
        createdAt: row.createdAt,
        retiredAt: row.retiredAt,
      });
    }
    this.keys = keys;
    this.current = [...keys.values()].find((k) => k.retiredAt === null);
  }

  private isPublished(key: LoadedKey): boolean {
    return key.retiredAt === null || key.retiredAt.getTime() > Date.now() - RETIRED_KEY_GRACE_MS;
  }
}
