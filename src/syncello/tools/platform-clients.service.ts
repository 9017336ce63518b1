import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EnvironmentVariables } from '../../config/env.validation.js';
import type { Platform } from '../../database/schema.js';
import type { PlatformCredentials } from '../connections/dto/platform-credentials.dto.js';
import { TapeClient } from '../platforms/tape/tape.client.js';
import type { PlatformClients } from './tool-definition.js';

/** Builds a platform client for one user's stored credentials. */
@Injectable()
export class PlatformClientsService {
  constructor(private readonly config: ConfigService<EnvironmentVariables, true>) {}

  get timeoutMs(): number {
    return this.config.get('PLATFORM_TIMEOUT_MS', { infer: true });
  }

  create<P extends Platform & keyof PlatformClients>(platform: P, credentials: PlatformCredentials[P]): PlatformClients[P] {
    switch (platform) {
      case 'tape':
        return new TapeClient(this.config.get('TAPE_API_URL', { infer: true }), (credentials as PlatformCredentials['tape']).apiKey, this.timeoutMs);
      default:
        throw new Error(`no client for ${String(platform)}`);
    }
  }
}
