import { Injectable } from '@nestjs/common';
import { and, eq, gt } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { PasswordHasher } from '../common/crypto/password-hasher.js';
import { ConflictException, UnauthenticatedException, ValidationException, Messages } from '../common/errors/api.exception.js';
import { Database, type Db } from '../database/database.js';
import { isUniqueViolation } from '../common/errors/database-errors.js';
import { synqOrganizations, synqTenants, synqUsers } from '../database/schema.js';
import { IdTokenService, TokenRevocationsService, type IdTokenSubject, type SynqPrincipal } from '../auth/index.js';
import { isUuid } from '../common/ids/uuid-v7.js';
import { sha256 } from '../common/crypto/sha256.js';
import { RefreshTokensService } from './refresh-tokens.service.js';

export interface TokenPair {
  idToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

const subjectColumns = {
  id: synqUsers.id,
  email: synqUsers.email,
  tenantId: synqUsers.tenantId,
  orgId: synqUsers.orgId,
  role: synqUsers.role,
  tokenVersion: synqUsers.tokenVersion,
};

@Injectable()
export class SessionsService {
  constructor(
    private readonly database: Database,
    private readonly hasher: PasswordHasher,
    private readonly idTokens: IdTokenService,
    private readonly refreshTokens: RefreshTokensService,
    private readonly revocations: TokenRevocationsService,
  ) {}

  /** A new tenant with one organization, and its first user as ADMIN. */
  async signup(email: string, password: string, organizationName: string): Promise<TokenPair & { uid: string; tenantId: string; orgId: string }> {
    const passwordHash = await this.hasher.hash(password);
    const subject: IdTokenSubject = { id: randomUUID(), email, tenantId: randomUUID(), orgId: randomUUID(), role: 'ADMIN', tokenVersion: 0 };
    try {
      await this.database.db.transaction(async (tx) => {
        await tx.insert(synqTenants).values({ id: subject.tenantId, name: organizationName });
        await tx.insert(synqOrganizations).values({ id: subject.orgId, tenantId: subject.tenantId, name: organizationName });
        await tx.insert(synqUsers).values({ ...subject, passwordHash, status: 'ACTIVE' });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictException('An account with this email already exists');
      throw error;
    }
    const pair = await this.issue(subject);
    return { uid: subject.id, tenantId: subject.tenantId, orgId: subject.orgId, ...pair };
  }

  async login(email: string, password: string): Promise<TokenPair> {
    const [user] = await this.database.db
      .select({ ...subjectColumns, passwordHash: synqUsers.passwordHash, status: synqUsers.status })
      .from(synqUsers)
      .where(eq(synqUsers.email, email));
    // Unknown email, invited member without a password, wrong password: same cost, same answer.
    const ok = await this.hasher.verify(user?.passwordHash ?? undefined, password);
    if (!user || user.status !== 'ACTIVE' || !ok) throw new UnauthenticatedException(Messages.invalidCredentials);
    return this.issue(user);
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    let subject: IdTokenSubject | undefined;
    const result = await this.refreshTokens.rotate(refreshToken, async (userId, db) => {
      subject = await this.activeUser(userId, db);
      return subject !== undefined;
    });
    if (!result.ok || !subject) throw new UnauthenticatedException('Invalid refresh token');
    return { ...this.idTokens.issue(subject), refreshToken: result.refreshToken, tokenType: 'Bearer' };
  }

  logout(refreshToken: string): Promise<void> {
    return this.refreshTokens.revoke(refreshToken);
  }

  /**
   * Every refresh-token family of the caller and every ID token issued to them so far stop
   * working (this one included). A token of the external identity provider names no user of
   * this service: there is nothing here to revoke.
   */
  async logoutAll(principal: SynqPrincipal): Promise<void> {
    if (!this.idTokens.isOwnIssuer(principal.issuer) || !isUuid(principal.userId)) return;
    const revocation = await this.database.db.transaction(async (tx) => {
      await this.refreshTokens.revokeAllOf(principal.userId, tx as unknown as Db);
      return this.revocations.revokeIssued(tx as unknown as Db, principal.userId);
    });
    this.revocations.apply(revocation);
  }

  /** An invited member sets a password and signs in. The invite token works once. */
  async acceptInvite(inviteToken: string, password: string): Promise<TokenPair> {
    const passwordHash = await this.hasher.hash(password);
    const [user] = await this.database.db
      .update(synqUsers)
      .set({ passwordHash, status: 'ACTIVE', inviteTokenHash: null, inviteExpiresAt: null })
      .where(and(eq(synqUsers.inviteTokenHash, sha256(inviteToken)), eq(synqUsers.status, 'INVITED'), gt(synqUsers.inviteExpiresAt, new Date())))
      .returning(subjectColumns);
    if (!user) throw new ValidationException('Invalid or expired invite token');
    return this.issue(user);
  }

  private async issue(subject: IdTokenSubject): Promise<TokenPair> {
    const refreshToken = await this.refreshTokens.create(subject.id);
    return { ...this.idTokens.issue(subject), refreshToken, tokenType: 'Bearer' };
  }

  private async activeUser(userId: string, db: Db): Promise<IdTokenSubject | undefined> {
    const [user] = await db.select(subjectColumns).from(synqUsers).where(and(eq(synqUsers.id, userId), eq(synqUsers.status, 'ACTIVE')));
    return user;
  }
}
