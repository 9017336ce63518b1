import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/index.js';
import { PlatformClientsService } from './platform-clients.service.js';

/**
 * Tape, Podio and ShareFile: their HTTP clients (with OAuth refresh), each platform's tools
 * and the registry of them. No routes: `tools/` serves them.
 */
@Module({
  imports: [ConnectionsModule],
  providers: [PlatformClientsService],
  exports: [PlatformClientsService],
})
export class PlatformsModule {}
