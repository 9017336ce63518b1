import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { asc, desc, eq, max } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { PasswordHasher } from '../common/crypto/password-hasher.js';
import { ConflictException, Messages, UnauthenticatedException } from '../common/errors/api.exception.js';
import type { EnvironmentVariables } from '../config/env.validation.js';
import { Database } from '../database/database.js';
import { syncelloConnections, syncelloUsage, syncelloUsers } from '../database/schema.js';
import type { SyncelloRole } from '../common/enums.js';
import { isUniqueViolation } from '../common/errors/database-errors.js';
import { ApiKeyService, SessionTokenService, UserKeyCache } from '../auth/index.js';

export interface PublicUser {
  id: string;
  email: string;
  role: SyncelloRole;
}

@Injectable()
export class AccountsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AccountsService.name);

  constructor(
    private readonly database: Database,
    private readonly hasher: PasswordHasher,
    private readonly apiKeys: ApiKeyService,
    private readonly sessions: SessionTokenService,
    private readonly users: UserKeyCache,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  /** The first admin, from SYNCELLO_ADMIN_EMAIL / SYNCELLO_ADMIN_PASSWORD. Idempotent. */
  async onApplicationBootstrap(): Promise<void> {
    const email = this.config.get('SYNCELLO_ADMIN_EMAIL', { infer: true })?.trim().toLowerCase();
    const password = this.config.get('SYNCELLO_ADMIN_PASSWORD', { infer: true });
    if (!email || !password) return;
    const [existing] = await this.database.db.select().from(syncelloUsers).where(eq(syncelloUsers.email, email));
    if (existing) {
      if (existing.role !== 'admin') {
        await this.database.db.update(syncelloUsers).set({ role: 'admin' }).where(eq(syncelloUsers.id, existing.id));
        this.users.invalidate(existing.id);
        this.logger.log('promoted the configured Syncello admin');
      }
      return;
    }
    try {
      await this.create(email, password, 'admin');
      this.logger.log('created the configured Syncello admin');
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error; // another instance was first
    }
  }

  async register(email: string, password: string): Promise<{ user: PublicUser; apiKey: string }> {
    const { user, apiKey } = await this.create(email, password, 'member');
    return { user, apiKey };
  }

  async login(email: string, password: string): Promise<{ sessionToken: string; expiresIn: number }> {
    const [row] = await this.database.db
      .select({ id: syncelloUsers.id, passwordHash: syncelloUsers.passwordHash })
      .from(syncelloUsers)
      .where(eq(syncelloUsers.email, email));
    // Unknown email and wrong password cost the same and answer the same.
    const ok = await this.hasher.verify(row?.passwordHash, password);
    if (!row || !ok) throw new UnauthenticatedException(Messages.invalidCredentials);
    return this.sessions.issue(row.id);
  }

  async account(userId: string) {
    const [user] = await this.database.db
      .select({
        id: syncelloUsers.id,
        email: syncelloUsers.email,
        role: syncelloUsers.role,
        createdAt: syncelloUsers.createdAt,
        keyCreatedAt: syncelloUsers.keyCreatedAt,
      })
      .from(syncelloUsers)
      .where(eq(syncelloUsers.id, userId));
    if (!user) throw new UnauthenticatedException();
    const connections = await this.database.db
      .select({ platform: syncelloConnections.platform, connectedAt: syncelloConnections.connectedAt, updatedAt: syncelloConnections.updatedAt })
      .from(syncelloConnections)
      .where(eq(syncelloConnections.userId, userId))
      .orderBy(asc(syncelloConnections.platform));
    return {
      user: { id: user.id, email: user.email, role: user.role, createdAt: user.createdAt.toISOString() },
      apiKey: { createdAt: user.keyCreatedAt.toISOString() },
      connections: connections.map((c) => ({ platform: c.platform, connectedAt: c.connectedAt.toISOString(), updatedAt: c.updatedAt.toISOString() })),
    };
  }

  /** "Copy your JWT token": a fresh API key signed with the current secret. */
  async currentApiKey(userId: string): Promise<{ apiKey: string }> {
    const user = await this.users.get(userId);
    if (!user) throw new UnauthenticatedException();
    return { apiKey: this.apiKeys.sign(user.id, user.key) };
  }

  /** A new secret: every API key signed before stops working, on every instance. */
  async regenerateApiKey(userId: string): Promise<{ apiKey: string }> {
    const sealed = this.apiKeys.newSealedSecret(userId);
    const updated = await this.database.db
      .update(syncelloUsers)
      .set({ secretKey: sealed, keyCreatedAt: new Date() })
      .where(eq(syncelloUsers.id, userId))
      .returning({ id: syncelloUsers.id });
    this.users.invalidate(userId);
    if (updated.length === 0) throw new UnauthenticatedException();
    return { apiKey: this.apiKeys.signWithSealed(userId, sealed) };
  }

  async usage(userId: string) {
    const rows = await this.database.db
      .select()
      .from(syncelloUsage)
      .where(eq(syncelloUsage.userId, userId))
      .orderBy(desc(syncelloUsage.day), asc(syncelloUsage.platform), asc(syncelloUsage.tool));
    const [last] = await this.database.db
      .select({ lastUsedAt: max(syncelloUsage.lastUsedAt) })
      .from(syncelloUsage)
      .where(eq(syncelloUsage.userId, userId));
    return {
      lastUsedAt: last?.lastUsedAt ? new Date(last.lastUsedAt).toISOString() : null,
      usage: rows.map((r) => ({
        day: r.day,
        platform: r.platform,
        tool: r.tool,
        calls: r.calls,
        errors: r.errors,
        lastUsedAt: r.lastUsedAt.toISOString(),
      })),
    };
  }

  private async create(email: string, password: string, role: SyncelloRole): Promise<{ user: PublicUser; apiKey: string }> {
    const id = randomUUID();
    const passwordHash = await this.hasher.hash(password);
    const sealed = this.apiKeys.newSealedSecret(id);
    try {
      await this.database.db.insert(syncelloUsers).values({ id, email, passwordHash, role, secretKey: sealed });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictException('An account with this email already exists');
      throw error;
    }
    this.users.invalidate(id);
    return { user: { id, email, role }, apiKey: this.apiKeys.signWithSealed(id, sealed) };
  }
}
