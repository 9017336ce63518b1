import { Injectable, Logger } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { Database } from '../database/database.js';
import { syncelloUsage } from '../database/schema.js';
import type { Platform } from '../common/enums.js';

/** Counts every tool execution, successful or not, per user, UTC day, platform and tool. */
@Injectable()
export class UsageService {
  private readonly logger = new Logger(UsageService.name);

  /** Built and prepared once: every tool execution runs it. */
  private readonly upsert;

  constructor(database: Database) {
    const p = (name: string) => sql.placeholder(name);
    this.upsert = database.db
      .insert(syncelloUsage)
      .values({ userId: p('userId'), day: p('day'), platform: p('platform'), tool: p('tool'), calls: 1, errors: p('errors'), lastUsedAt: p('at') })
      .onConflictDoUpdate({
        target: [syncelloUsage.userId, syncelloUsage.day, syncelloUsage.platform, syncelloUsage.tool],
        set: {
          calls: sql`${syncelloUsage.calls} + 1`,
          errors: sql`${syncelloUsage.errors} + excluded.errors`,
          lastUsedAt: sql`greatest(${syncelloUsage.lastUsedAt}, excluded.last_used_at)`,
        },
      })
      .prepare('syncello_usage_record');
  }

  async record(userId: string, platform: Platform, tool: string, failed: boolean): Promise<void> {
    const now = new Date();
    try {
      await this.upsert.execute({ userId, day: now.toISOString().slice(0, 10), platform, tool, errors: failed ? 1 : 0, at: now });
    } catch (error) {
      // The tool ran; a lost usage count must not turn its answer into an error.
      this.logger.error({ err: error }, 'could not record tool usage');
    }
  }
}
