import { Module } from '@nestjs/common';
import { SyncelloAuthModule } from '../auth/auth.module.js';
import { ConnectionsModule } from '../connections/connections.module.js';
import { PlatformClientsService } from './platform-clients.service.js';
import { ToolsController } from './tools.controller.js';
import { ToolsService } from './tools.service.js';
import { UsageService } from './usage.service.js';

@Module({
  imports: [SyncelloAuthModule, ConnectionsModule],
  controllers: [ToolsController],
  providers: [ToolsService, UsageService, PlatformClientsService],
  exports: [ToolsService],
})
export class ToolsModule {}
