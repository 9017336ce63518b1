/**
 * Every closed set of values in one place: the schema's columns and CHECK constraints, the
 * DTOs' validation, the guards and the route decorators all read these.
 */

/** Syncello user roles (`/v1`). */
export const SYNCELLO_ROLES = ['admin', 'member', 'viewer'] as const;
export type SyncelloRole = (typeof SYNCELLO_ROLES)[number];

/** The platforms Syncello's tools run against. */
export const PLATFORMS = ['tape', 'podio', 'sharefile'] as const;
export type Platform = (typeof PLATFORMS)[number];

export function isPlatform(value: string): value is Platform {
  return (PLATFORMS as readonly string[]).includes(value);
}

/** Synq roles (`/api/v1`), as the ID token's `role` claim carries them. */
export const SYNQ_ROLES = ['ADMIN', 'EDITOR', 'VIEWER'] as const;
export type SynqRole = (typeof SYNQ_ROLES)[number];

export const PRODUCT_STATUSES = ['ACTIVE', 'DRAFT', 'ARCHIVED'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** A Synq organization member: invited (not yet signed in) or active. */
export const MEMBER_STATUSES = ['ACTIVE', 'INVITED'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
