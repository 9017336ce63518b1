import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/index.js';
import { ConnectionsModule } from '../connections/index.js';
import { PlatformsModule } from '../platforms/index.js';
import { ToolsController } from './tools.controller.js';
import { ToolsService } from './tools.service.js';
import { UsageService } from './usage.service.js';

/** `/v1/tools`: list the tools, run one against a connected platform, count the calls; `ToolsService.run` is MCP's path too. */
@Module({
  imports: [AuthModule, ConnectionsModule, PlatformsModule],
  controllers: [ToolsController],
  providers: [ToolsService, UsageService],
  exports: [ToolsService],
})
export class ToolsModule {}
