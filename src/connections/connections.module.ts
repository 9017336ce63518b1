import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/index.js';
import { ConnectionsController } from './connections.controller.js';
import { ConnectionsService } from './connections.service.js';

/** A Syncello user's platform credentials, `/v1/account/connections`: sealed at rest, never returned. */
@Module({
  imports: [AuthModule],
  controllers: [ConnectionsController],
  providers: [ConnectionsService],
  exports: [ConnectionsService],
})
export class ConnectionsModule {}
