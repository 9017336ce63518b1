import { sql } from 'drizzle-orm';
import { check, customType, date, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** `bytea` as a Buffer whichever driver is underneath (PGlite answers with a Uint8Array). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
  toDriver: (value) => value,
});

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

// ---------------------------------------------------------------- Syncello

export const SYNCELLO_ROLES = ['admin', 'member', 'viewer'] as const;
export type SyncelloRole = (typeof SYNCELLO_ROLES)[number];

export const PLATFORMS = ['tape', 'podio', 'sharefile'] as const;
export type Platform = (typeof PLATFORMS)[number];

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
  (t) => [check('syncello_users_role_check', sql`${t.role} in ('admin', 'member', 'viewer')`)],
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
