import { Injectable } from '@nestjs/common';
import { and, asc, eq } from 'drizzle-orm';
import { randomBytes, randomUUID } from 'node:crypto';
import { ConflictException, NotFoundException } from '../common/errors/api.exception.js';
import { isUuid } from '../common/ids/uuid-v7.js';
import { Database, type Db } from '../database/database.js';
import { isForeignKeyViolation, isUniqueViolation } from '../common/errors/database-errors.js';
import { synqUsers } from '../database/schema.js';
import type { SynqRole } from '../common/enums.js';
import { TokenRevocationsService, type SynqPrincipal } from '../auth/index.js';
import { sha256 } from '../common/crypto/sha256.js';

const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;
const memberColumns = { uid: synqUsers.id, email: synqUsers.email, role: synqUsers.role, status: synqUsers.status };

/** The members of the caller's organization; tenant and organization come from the token. */
@Injectable()
export class OrganizationService {
  constructor(
    private readonly database: Database,
    private readonly revocations: TokenRevocationsService,
  ) {}

  async members(principal: SynqPrincipal) {
    if (!scopeIsValid(principal)) return [];
    return this.database.db.select(memberColumns).from(synqUsers).where(this.scope(principal)).orderBy(asc(synqUsers.createdAt), asc(synqUsers.email));
  }

  async invite(principal: SynqPrincipal, email: string, role: SynqRole) {
    if (!scopeIsValid(principal)) throw new NotFoundException('Organization not found');
    const uid = randomUUID();
    const inviteToken = randomBytes(32).toString('base64url');
    try {
      await this.database.db.insert(synqUsers).values({
        id: uid,
        tenantId: principal.tenantId,
        orgId: principal.orgId,
        email,
        role,
        status: 'INVITED',
        inviteTokenHash: sha256(inviteToken),
        inviteExpiresAt: new Date(Date.now() + INVITE_TTL_MS),
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictException('An account with this email already exists');
      if (isForeignKeyViolation(error)) throw new NotFoundException('Organization not found');
      throw error;
    }
    return { message: 'User successfully invited.', uid, inviteToken };
  }

  /** A new role; when it differs, every ID token issued to the member before is refused (section 6). */
  async changeRole(principal: SynqPrincipal, uid: string, role: SynqRole) {
    const { member, revocation } = await this.withLastAdminGuard(principal, uid, role, async (tx, target) => {
      const [member] = await tx.update(synqUsers).set({ role }).where(and(eq(synqUsers.id, uid), this.scope(principal))).returning(memberColumns);
      return { member: member!, revocation: target.role === role ? undefined : await this.revocations.revokeIssued(tx, uid) };
    });
    this.revocations.apply(revocation);
    return member;
  }

  /** The member goes, their refresh tokens with them, and every ID token issued to them is refused (section 6). */
  async remove(principal: SynqPrincipal, uid: string): Promise<void> {
    const revocation = await this.withLastAdminGuard(principal, uid, undefined, async (tx) => {
      await tx.delete(synqUsers).where(and(eq(synqUsers.id, uid), this.scope(principal)));
      return this.revocations.revokeAll(tx, uid);
    });
    this.revocations.apply(revocation);
  }

  /**
   * Runs a change to one member unless it would leave the organization without an ADMIN.
   * The organization's admins are locked first, so two concurrent demotions cannot both pass.
   */
  private async withLastAdminGuard<T>(
    principal: SynqPrincipal,
    uid: string,
    newRole: SynqRole | undefined,
    change: (tx: Db, target: { role: SynqRole }) => Promise<T>,
  ): Promise<T> {
    if (!isUuid(uid) || !scopeIsValid(principal)) throw new NotFoundException('Member not found');
    return this.database.db.transaction(async (tx) => {
      const admins = await tx
        .select({ id: synqUsers.id })
        .from(synqUsers)
        .where(and(this.scope(principal), eq(synqUsers.role, 'ADMIN')))
        .for('update');
      const [target] = await tx.select(memberColumns).from(synqUsers).where(and(eq(synqUsers.id, uid), this.scope(principal)));
      if (!target) throw new NotFoundException('Member not found');
      if (target.role === 'ADMIN' && newRole !== 'ADMIN' && admins.length <= 1) {
        throw new ConflictException('An organization needs at least one ADMIN');
      }
      return change(tx as unknown as Db, target);
    });
  }

  private scope(principal: SynqPrincipal) {
    return and(eq(synqUsers.tenantId, principal.tenantId), eq(synqUsers.orgId, principal.orgId));
  }
}

function scopeIsValid(principal: SynqPrincipal): boolean {
  return isUuid(principal.tenantId) && isUuid(principal.orgId);
}
