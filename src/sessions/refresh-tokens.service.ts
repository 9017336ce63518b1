import { Injectable } from '@nestjs/common';
import { and, eq, isNull } from 'drizzle-orm';
import { randomBytes, randomUUID } from 'node:crypto';
import { sha256 } from '../common/crypto/sha256.js';
import { Database, type Db } from '../database/database.js';
import { synqRefreshTokens } from '../database/schema.js';

const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;

export type RotationResult = { ok: true; userId: string; refreshToken: string } | { ok: false };

/**
 * Refresh tokens: 256 random bits, stored as SHA-256, 30 days. Each use spends the token and
 * hands out the next one of the same family; presenting a spent token again (a stolen copy,
 * or the real client after a thief) revokes the whole family.
 */
@Injectable()
export class RefreshTokensService {
  constructor(private readonly database: Database) {}

  async create(userId: string, familyId: string = randomUUID(), db: Db = this.database.db): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await db.insert(synqRefreshTokens).values({
      id: randomUUID(),
      familyId,
      userId,
      tokenHash: sha256(token),
      expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_MS),
    });
    return token;
  }

  async rotate(token: string, canUse: (userId: string, db: Db) => Promise<boolean>): Promise<RotationResult> {
    return this.database.db.transaction(async (tx) => {
      const [row] = await tx.select().from(synqRefreshTokens).where(eq(synqRefreshTokens.tokenHash, sha256(token))).for('update');
      const now = new Date();
      if (!row || row.revokedAt || row.expiresAt <= now) return { ok: false };
      if (row.usedAt) {
        // Reuse: revoke the family, and commit that (so no throw inside this transaction).
        await this.revokeFamily(row.familyId, tx as unknown as Db);
        return { ok: false };
      }
      if (!(await canUse(row.userId, tx as unknown as Db))) return { ok: false };
      await tx.update(synqRefreshTokens).set({ usedAt: now }).where(eq(synqRefreshTokens.id, row.id));
      return { ok: true, userId: row.userId, refreshToken: await this.create(row.userId, row.familyId, tx as unknown as Db) };
    });
  }

  /** Logout: the token's whole family stops working. Unknown tokens are ignored. */
  async revoke(token: string): Promise<void> {
    const [row] = await this.database.db
      .select({ familyId: synqRefreshTokens.familyId })
      .from(synqRefreshTokens)
      .where(eq(synqRefreshTokens.tokenHash, sha256(token)));
    if (row) await this.revokeFamily(row.familyId, this.database.db);
  }

  /** Logout everywhere: every family of the user. */
  async revokeAllOf(userId: string, db: Db = this.database.db): Promise<void> {
    await db
      .update(synqRefreshTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(synqRefreshTokens.userId, userId), isNull(synqRefreshTokens.revokedAt)));
  }

  private async revokeFamily(familyId: string, db: Db): Promise<void> {
    await db
      .update(synqRefreshTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(synqRefreshTokens.familyId, familyId), isNull(synqRefreshTokens.revokedAt)));
  }
}
