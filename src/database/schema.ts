import { sql } from 'drizzle-orm';
import {
  MEMBER_STATUSES,
  PRODUCT_STATUSES,
  SYNCELLO_ROLES,
  SYNQ_ROLES,
  type MemberStatus,
  type Platform,
  type ProductStatus,
  type SyncelloRole,
  type SynqRole,
} from '../common/enums.js';
import { check, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

/** `bytea` as a Buffer whichever driver is underneath (PGlite answers with a Uint8Array). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
  toDriver: (value) => value,
});

/** `column in ('a', 'b')` for a CHECK constraint, from the values in common/enums.ts. */
const oneOf = (column: AnyPgColumn, values: readonly string[]) => sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`;

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

// ---------------------------------------------------------------- Syncello

export const syncelloUsers = pgTable(
  'syncello_users',
  {
    id: uuid('id').primaryKey(),
    /** Lower-cased on the way in. */
    email: text('email').notNull().unique(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').$type<SyncelloRole>().notNull(),
    /** The user's HS256 secret (32 random bytes), AES-256-GCM sealed under the master key. */
    secretKey: bytea('secret_key').notNull(),
    keyCreatedAt: timestamp('key_created_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [check('syncello_users_role_check', oneOf(t.role, SYNCELLO_ROLES))],
);

export const syncelloConnections = pgTable(
  'syncello_connections',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => syncelloUsers.id, { onDelete: 'cascade' }),
    platform: text('platform').$type<Platform>().notNull(),
    /** The platform credentials as JSON, AES-256-GCM sealed under the master key. */
    credentials: bytea('credentials').notNull(),
    connectedAt: timestamp('connected_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.platform] }),
    check('syncello_connections_platform_check', sql`${t.platform} in ('tape', 'podio', 'sharefile')`),
  ],
);

export const syncelloUsage = pgTable(
  'syncello_usage',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => syncelloUsers.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    platform: text('platform').$type<Platform>().notNull(),
    tool: text('tool').notNull(),
    calls: integer('calls').notNull().default(0),
    errors: integer('errors').notNull().default(0),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day, t.platform, t.tool] })],
);

// ---------------------------------------------------------------- Synq

export const synqTenants = pgTable('synq_tenants', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const synqOrganizations = pgTable('synq_organizations', {
  id: uuid('id').primaryKey(),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => synqTenants.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

/** The tenant and organization a Synq row belongs to; every query of it names both. */
const orgScope = () => ({
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => synqTenants.id, { onDelete: 'cascade' }),
  orgId: uuid('org_id')
    .notNull()
    .references(() => synqOrganizations.id, { onDelete: 'cascade' }),
});

export const synqUsers = pgTable(
  'synq_users',
  {
    id: uuid('id').primaryKey(),
    ...orgScope(),
    /** Lower-cased; one account per email across the service (login names no tenant). */
    email: text('email').notNull().unique(),
    /** Null until an invited member sets a password. */
    passwordHash: text('password_hash'),
    role: text('role').$type<SynqRole>().notNull(),
    status: text('status').$type<MemberStatus>().notNull(),
    /** SHA-256 of the one-time invite token. */
    inviteTokenHash: bytea('invite_token_hash').unique(),
    inviteExpiresAt: timestamp('invite_expires_at', { withTimezone: true }),
    /** Carried by every ID token issued to the user (`token_version`); raised to revoke the earlier ones. */
    tokenVersion: integer('token_version').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    check('synq_users_role_check', oneOf(t.role, SYNQ_ROLES)),
    check('synq_users_status_check', oneOf(t.status, MEMBER_STATUSES)),
    index('synq_users_org_idx').on(t.tenantId, t.orgId),
  ],
);

export const synqRefreshTokens = pgTable(
  'synq_refresh_tokens',
  {
    id: uuid('id').primaryKey(),
    /** Every token of one sign-in shares a family; reuse of a spent one revokes the family. */
    familyId: uuid('family_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => synqUsers.id, { onDelete: 'cascade' }),
    /** SHA-256 of the token (256 random bits, so a fast hash is enough). */
    tokenHash: bytea('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('synq_refresh_tokens_family_idx').on(t.familyId)],
);

/**
 * ID-token revocations: a user's tokens whose `token_version` is below `min_token_version` are
 * refused (a role change, a removal, logout-all). No foreign key, so a removed member's row
 * outlives them; a row older than an ID token's lifetime no longer refuses anything.
 */
export const synqTokenRevocations = pgTable('synq_token_revocations', {
  userId: uuid('user_id').primaryKey(),
  minTokenVersion: integer('min_token_version').notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }).notNull().defaultNow(),
});

export const synqSigningKeys = pgTable('synq_signing_keys', {
  kid: text('kid').primaryKey(),
  /** PKCS#8 DER of the RSA private key, AES-256-GCM sealed under the master key. */
  privateKey: bytea('private_key').notNull(),
  /** The public half as a JWK (kty, n, e, kid, alg, use). */
  publicJwk: jsonb('public_jwk').$type<Record<string, string>>().notNull(),
  createdAt: createdAt(),
  /** Set when a newer key takes over signing; published until its last token has expired. */
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});

export const synqProducts = pgTable(
  'synq_products',
  {
    id: uuid('id').primaryKey(),
    ...orgScope(),
    title: text('title').notNull(),
    description: text('description'),
    category: text('category'),
    status: text('status').$type<ProductStatus>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('synq_products_status_check', oneOf(t.status, PRODUCT_STATUSES)),
    index('synq_products_listing_idx').on(t.tenantId, t.orgId, t.updatedAt.desc(), t.id.desc()),
  ],
);
