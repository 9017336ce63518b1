import { Module } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module.js';
import { SyncelloAuthModule } from './auth/auth.module.js';
import { ConnectionsModule } from './connections/connections.module.js';
import { McpModule } from './mcp/mcp.module.js';
import { ToolsModule } from './tools/tools.module.js';

/** The Syncello API, `/v1`. */
@Module({ imports: [SyncelloAuthModule, AccountsModule, ConnectionsModule, ToolsModule, McpModule] })
export class SyncelloModule {}
