import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { eq, gt, sql } from 'drizzle-orm';
import type { EnvironmentVariables } from '../config/env.validation.js';
import { Database, type ChangeFeed, type Db } from '../database/database.js';
import { synqTokenRevocations, synqUsers } from '../database/schema.js';
import { CLOCK_SKEW_SECONDS, ID_TOKEN_TTL_SECONDS } from './id-token.constants.js';
import type { VerifiedIdToken } from './synq-principal.js';
import { QueuedReload } from '../common/async/queued-reload.js';

export const TOKEN_REVOKED_CHANNEL = 'synq_token_revoked';
/** The ID-token claim that carries the user's token version at issue time. */
export const TOKEN_VERSION_CLAIM = 'token_version';
/** A removed member: no token of theirs is accepted again. */
const ALL_TOKENS = 2_147_483_647;
/** After this long, every token a revocation refuses has expired anyway (plus a minute of margin). */
const REMEMBER_MS = (ID_TOKEN_TTL_SECONDS + CLOCK_SKEW_SECONDS + 60) * 1000;
const PRUNE_EVERY_MS = 5 * 60 * 1000;

/** A revocation written in a transaction, to apply in memory once it committed. */
export interface Revocation {
  userId: string;
  minTokenVersion: number;
}

/**
 * Revocation of Synq ID tokens (contract section 6) without a database round trip per request.
 *
 * Every ID token this service issues carries the user's `token_version` as it was read with
 * the claims (role, org) that went into it. A role change, a removal or logout-all raises the
 * version (a removal raises it for good) in the same transaction as the change, and records
 * "tokens of this user below version N are refused" in `synq_token_revocations`. Each
 * instance keeps those rows in memory: loaded at start, applied locally on commit, and fed by
 * the table's trigger (`pg_notify('synq_token_revoked')`) from every other instance. A feed
 * interruption reloads them from the database; nothing is ever cleared, and versions only
 * grow, so a late or repeated message is harmless.
 *
 * A counter rather than a time: `iat` has one-second granularity, so a token refreshed in
 * the same second as a demotion could not be told from one issued just before it; and a
 * refresh that read the old role just before the demotion committed carries the old version,
 * so it is refused too (the next refresh gets the new role).
 */
@Injectable()
export class TokenRevocationsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(TokenRevocationsService.name);
  private readonly ownIssuer: string;
  private readonly revoked = new Map<string, { minTokenVersion: number; forgetAtMs: number }>();
  private feed?: ChangeFeed;
  private pruner?: NodeJS.Timeout;
  /** At most one read running and one queued behind it (see reload). */
  private readonly reloads = new QueuedReload(() => this.read());

  constructor(
    private readonly database: Database,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.ownIssuer = config.get('SYNQ_ISSUER', { infer: true });
  }

  async onModuleInit(): Promise<void> {
    this.feed = await this.database.listen(TOKEN_REVOKED_CHANNEL, {
      onMessage: (payload) => this.onMessage(payload),
      // Messages may have been missed: read them again (never clear, or revoked tokens would
      // pass). A reset comes when the feed drops and again once it is back: the second read
      // finds what was revoked unheard in between.
      onReset: () => void this.reload().catch((error: unknown) => this.logger.error({ err: error }, 'reloading token revocations failed')),
    });
    await this.reload();
    this.pruner = setInterval(() => this.prune(), PRUNE_EVERY_MS).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.pruner);
    await this.feed?.close();
  }

  /** True when this token of ours was issued before a revocation of its subject. */
  isRevoked(token: VerifiedIdToken): boolean {
    if (token.issuer !== this.ownIssuer) return false;
    const { sub } = token.claims;
    const entry = typeof sub === 'string' ? this.revoked.get(sub) : undefined;
    if (!entry) return false;
    const version = token.claims[TOKEN_VERSION_CLAIM];
    return (typeof version === 'number' && Number.isInteger(version) ? version : 0) < entry.minTokenVersion;
  }

  /** In the caller's transaction: every token issued to the user so far is refused. Undefined when no such user. */
  async revokeIssued(tx: Db, userId: string): Promise<Revocation | undefined> {
    const [user] = await tx
      .update(synqUsers)
      .set({ tokenVersion: sql`${synqUsers.tokenVersion} + 1` })
      .where(eq(synqUsers.id, userId))
      .returning({ tokenVersion: synqUsers.tokenVersion });
    if (!user) return undefined;
    return this.record(tx, userId, user.tokenVersion);
  }

  /** In the caller's transaction (which removes the user): no token of theirs is accepted again. */
  revokeAll(tx: Db, userId: string): Promise<Revocation> {
    return this.record(tx, userId, ALL_TOKENS);
  }

  /** After the transaction committed: this instance refuses at once, without waiting for its own NOTIFY. */
  apply(revocation: Revocation | undefined, forgetAtMs = Date.now() + REMEMBER_MS): void {
    if (!revocation) return;
    const known = this.revoked.get(revocation.userId);
    if (known && known.minTokenVersion >= revocation.minTokenVersion) return;
    this.revoked.set(revocation.userId, { minTokenVersion: revocation.minTokenVersion, forgetAtMs });
  }

  /**
   * Reads the revocations still relevant. A read already running may have started before the
   * change (or the feed's return) that asks for this one, so callers then share one more read
   * queued behind it.
   */
  reload(): Promise<void> {
    return this.reloads.reload();
  }

  private async read(): Promise<void> {
    const rows = await this.database.db
      .select()
      .from(synqTokenRevocations)
      .where(gt(synqTokenRevocations.revokedAt, sql`now() - make_interval(secs => ${REMEMBER_MS / 1000})`));
    for (const row of rows) this.apply(row, row.revokedAt.getTime() + REMEMBER_MS);
    this.prune();
  }

  private async record(tx: Db, userId: string, minTokenVersion: number): Promise<Revocation> {
    await tx
      .insert(synqTokenRevocations)
      .values({ userId, minTokenVersion })
      .onConflictDoUpdate({
        target: synqTokenRevocations.userId,
        set: { minTokenVersion: sql`greatest(${synqTokenRevocations.minTokenVersion}, excluded.min_token_version)`, revokedAt: sql`now()` },
      });
    return { userId, minTokenVersion };
  }

  private onMessage(payload: string): void {
    const [userId, version] = payload.split(':');
    const minTokenVersion = Number(version);
    if (!userId || !Number.isInteger(minTokenVersion)) return;
    this.apply({ userId, minTokenVersion });
  }

  private prune(): void {
    const now = Date.now();
    for (const [userId, entry] of this.revoked) if (entry.forgetAtMs <= now) this.revoked.delete(userId);
  }
}
