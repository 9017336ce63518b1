import type { SynqRole } from '../common/enums.js';

/**
 * A verified Synq ID token. The claims guard has checked `tenantId`, `orgId` and `role` are
 * non-empty strings before any handler runs; `role` is one of the three only if the route's
 * roles let it through.
 */
export interface SynqPrincipal {
  kind: 'synq-id-token';
  issuer: string;
  userId: string;
  email: string | undefined;
  tenantId: string;
  orgId: string;
  role: SynqRole;
}

/** What the strategy hands the claims guard: the claims as the token carried them. */
export interface VerifiedIdToken {
  kind: 'synq-id-token';
  issuer: string;
  claims: Record<string, unknown>;
}
