/** What other features may use of `connections/`. */
export { ConnectionsModule } from './connections.module.js';
export { ConnectionsService } from './connections.service.js';
export type { PlatformCredentials } from './dto/platform-credentials.dto.js';
