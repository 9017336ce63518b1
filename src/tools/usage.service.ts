import { Injectable, Logger } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { Database } from '../database/database.js';
import { syncelloUsage } from '../database/schema.js';
import type { Platform } from '../common/enums.js';

/** Counts every tool execution, successful or not, per user, UTC day, platform and tool. */
@Injectable()
export class UsageService {
  private readonly logger = new Logger(UsageService.name);

  constructor(private readonly database: Database) {}

  async record(userId: string, platform: Platform, tool: string, failed: boolean): Promise<void> {
    const now = new Date();
    const errors = failed ? 1 : 0;
    try {
      await this.database.db
        .insert(syncelloUsage)
        .values({ userId, day: now.toISOString().slice(0, 10), platform, tool, calls: 1, errors, lastUsedAt: now })
        .onConflictDoUpdate({
          target: [syncelloUsage.userId, syncelloUsage.day, syncelloUsage.platform, syncelloUsage.tool],
          set: {
            calls: sql`${syncelloUsage.calls} + 1`,
            errors: sql`${syncelloUsage.errors} + ${errors}`,
            lastUsedAt: sql`greatest(${syncelloUsage.lastUsedAt}, excluded.last_used_at)`,
          },
        });
    } catch (error) {
      // The tool ran; a lost usage count must not turn its answer into an error.
      this.logger.error({ err: error }, 'could not record tool usage');
    }
  }
}
