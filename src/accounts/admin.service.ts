import { Injectable } from '@nestjs/common';
import { and, asc, eq, ne } from 'drizzle-orm';
import { ConflictException, NotFoundException } from '../common/errors/api.exception.js';
import { Database } from '../database/database.js';
import { syncelloUsers } from '../database/schema.js';
import type { SyncelloRole } from '../common/enums.js';
import { UserKeyCache } from '../auth/index.js';

const publicColumns = { id: syncelloUsers.id, email: syncelloUsers.email, role: syncelloUsers.role, createdAt: syncelloUsers.createdAt };

@Injectable()
export class AdminService {
  constructor(
    private readonly database: Database,
    private readonly users: UserKeyCache,
  ) {}

  async listUsers() {
    const rows = await this.database.db.select(publicColumns).from(syncelloUsers).orderBy(asc(syncelloUsers.createdAt), asc(syncelloUsers.email));
    return { users: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
  }

  async changeRole(id: string, role: SyncelloRole) {
    const row = await this.database.db.transaction(async (tx) => {
      // Serialize role changes, so two admins demoting each other cannot leave none.
      const admins = await tx.select({ id: syncelloUsers.id }).from(syncelloUsers).where(eq(syncelloUsers.role, 'admin')).for('update');
      const [target] = await tx.select(publicColumns).from(syncelloUsers).where(eq(syncelloUsers.id, id));
      if (!target) throw new NotFoundException('User not found');
      if (target.role === 'admin' && role !== 'admin' && admins.length <= 1) {
        throw new ConflictException('The last admin cannot be demoted');
      }
      const [updated] = await tx
        .update(syncelloUsers)
        .set({ role })
        .where(and(eq(syncelloUsers.id, id), ne(syncelloUsers.role, role)))
        .returning(publicColumns);
      return updated ?? target;
    });
    this.users.invalidate(id);
    return { user: { ...row, createdAt: row.createdAt.toISOString() } };
  }
}
