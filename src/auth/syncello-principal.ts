import type { SyncelloRole } from '../common/enums.js';

/** Who is calling `/v1`, and with which kind of token. Handlers read it with @ApiKeyUser() or @SessionUser(). */
export interface SyncelloPrincipal {
  kind: 'api-key' | 'session';
  userId: string;
  email: string;
  role: SyncelloRole;
}
