export const ID_TOKEN_TTL_SECONDS = 3600;
/** The contract's tolerance for clocks that disagree. */
export const CLOCK_SKEW_SECONDS = 30;
export const SYNQ_ID_TOKEN_STRATEGY = 'synq-id-token';

export const SynqMessages = {
  missingTenant: 'Missing tenantid claim',
  missingOrg: 'Missing org_id claim',
  missingRole: 'Missing role claim',
  insufficient: 'Insufficient permissions',
} as const;
