import { Module } from '@nestjs/common';
import { SyncelloAuthModule } from '../auth/syncello-auth.module.js';
import { ConnectionsModule } from '../connections/connections.module.js';
import { PlatformClientsService } from '../platforms/platform-clients.service.js';
import { ToolsController } from './tools.controller.js';
import { ToolsService } from './tools.service.js';
import { UsageService } from './usage.service.js';

@Module({
  imports: [SyncelloAuthModule, ConnectionsModule],
  controllers: [ToolsController],
  providers: [ToolsService, UsageService, PlatformClientsService],
})
export class ToolsModule {}
