import { Injectable } from '@nestjs/common';
import { and, eq, sql } from 'drizzle-orm';
import { SecretBox } from '../common/crypto/secret-box.js';
import { NotFoundException } from '../common/errors/api.exception.js';
import { validateBody } from '../common/validation/validation.js';
import { Database } from '../database/database.js';
import { syncelloConnections } from '../database/schema.js';
import { isPlatform, PLATFORMS, type Platform } from '../common/enums.js';
import { CREDENTIALS_DTO, type PlatformCredentials } from './dto/platform-credentials.dto.js';

const context = (userId: string, platform: Platform) => `syncello:connection:${userId}:${platform}`;

/** A user's platform credentials: validated per platform, sealed at rest, never returned. */
@Injectable()
export class ConnectionsService {
  /** The reads every tool execution and listing makes, built and prepared once. */
  private readonly credentialsOf;
  private readonly platformsOf;

  constructor(
    private readonly database: Database,
    private readonly secretBox: SecretBox,
  ) {
    const userId = sql.placeholder('userId');
    this.credentialsOf = database.db
      .select({ credentials: syncelloConnections.credentials })
      .from(syncelloConnections)
      .where(and(eq(syncelloConnections.userId, userId), eq(syncelloConnections.platform, sql.placeholder('platform'))))
      .prepare('syncello_connection_credentials');
    this.platformsOf = database.db
      .select({ platform: syncelloConnections.platform })
      .from(syncelloConnections)
      .where(eq(syncelloConnections.userId, userId))
      .prepare('syncello_connected_platforms');
  }

  async connect(userId: string, platformName: string, body: unknown) {
    const platform = this.platform(platformName);
    const credentials = { ...(await validateBody<object>(CREDENTIALS_DTO[platform], body)) };
    const sealed = this.secretBox.sealJson(credentials, context(userId, platform));
    const [row] = await this.database.db
      .insert(syncelloConnections)
      .values({ userId, platform, credentials: sealed })
      .onConflictDoUpdate({
        target: [syncelloConnections.userId, syncelloConnections.platform],
        set: { credentials: sealed, updatedAt: sql`now()` },
      })
      .returning();
    return { platform, connected: true, connectedAt: row!.connectedAt.toISOString(), updatedAt: row!.updatedAt.toISOString() };
  }

  async disconnect(userId: string, platformName: string) {
    const platform = this.platform(platformName);
    const deleted = await this.database.db
      .delete(syncelloConnections)
      .where(and(eq(syncelloConnections.userId, userId), eq(syncelloConnections.platform, platform)))
      .returning({ platform: syncelloConnections.platform });
    if (deleted.length === 0) throw new NotFoundException(`${platform} is not connected`);
    return { platform, connected: false };
  }

  async credentials<P extends Platform>(userId: string, platform: P): Promise<PlatformCredentials[P] | undefined> {
    const [row] = await this.credentialsOf.execute({ userId, platform });
    return row ? this.secretBox.openJson<PlatformCredentials[P]>(row.credentials, context(userId, platform)) : undefined;
  }

  /** The platforms the user has connected (no credentials are read). */
  async connectedPlatforms(userId: string): Promise<Platform[]> {
    const rows = await this.platformsOf.execute({ userId });
    return rows.map((row) => row.platform);
  }

  /** After an OAuth refresh: the new tokens replace the old ones. */
  async replaceCredentials<P extends Platform>(userId: string, platform: P, credentials: PlatformCredentials[P]): Promise<void> {
    await this.database.db
      .update(syncelloConnections)
      .set({ credentials: this.secretBox.sealJson(credentials, context(userId, platform)), updatedAt: sql`now()` })
      .where(and(eq(syncelloConnections.userId, userId), eq(syncelloConnections.platform, platform)));
  }

  private platform(name: string): Platform {
    if (!isPlatform(name)) throw new NotFoundException(`Unknown platform "${name.slice(0, 40)}"; expected one of: ${PLATFORMS.join(', ')}`);
    return name;
  }
}
