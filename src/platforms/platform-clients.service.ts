import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EnvironmentVariables } from '../config/env.validation.js';
import { Database } from '../database/database.js';
import type { Platform } from '../common/enums.js';
import { ConnectionsService, type PlatformCredentials } from '../connections/index.js';
import { OAuthTokenSource, type OAuthClientSettings, type OAuthTokens } from './oauth-token-source.js';
import { PLATFORM_LABEL } from './platform-http.js';
import { PodioClient } from './podio/podio.client.js';
import { ShareFileClient } from './sharefile/sharefile.client.js';
import { TapeClient } from './tape/tape.client.js';
import type { PlatformClients } from './tool-definition.js';

/** Builds a platform client for one user's stored credentials. */
@Injectable()
export class PlatformClientsService {
  /** One OAuth refresh per connection at a time, across all the calls this process serves. */
  private readonly refreshing = new Map<string, Promise<OAuthTokens>>();

  constructor(
    private readonly config: ConfigService<EnvironmentVariables, true>,
    private readonly connections: ConnectionsService,
    private readonly database: Database,
  ) {}

  get timeoutMs(): number {
    return this.config.get('PLATFORM_TIMEOUT_MS', { infer: true });
  }

  create<P extends Platform>(platform: P, userId: string, credentials: PlatformCredentials[P]): PlatformClients[P] {
    const clients: { [K in Platform]: () => PlatformClients[K] } = {
      tape: () => new TapeClient(this.config.get('TAPE_API_URL', { infer: true }), (credentials as PlatformCredentials['tape']).apiKey, this.timeoutMs),
      podio: () => {
        const c = credentials as PlatformCredentials['podio'];
        const tokens = this.tokenSource('podio', userId, c, this.podioOAuth(), (t) => ({ ...c, ...t }));
        return new PodioClient(this.config.get('PODIO_API_URL', { infer: true }), tokens, this.timeoutMs);
      },
      sharefile: () => {
        const c = credentials as PlatformCredentials['sharefile'];
        const tokens = this.tokenSource('sharefile', userId, c, this.shareFileOAuth(c.subdomain), (t) => ({ ...c, ...t }));
        const base = this.config.get('SHAREFILE_API_URL', { infer: true }) ?? `https://${c.subdomain}.sf-api.com/sf/v3`;
        return new ShareFileClient(base, tokens, this.timeoutMs);
      },
    };
    return clients[platform]();
  }

  private tokenSource<P extends 'podio' | 'sharefile'>(
    platform: P,
    userId: string,
    credentials: OAuthTokens,
    settings: OAuthClientSettings,
    merge: (tokens: OAuthTokens) => PlatformCredentials[P],
  ): OAuthTokenSource {
    return new OAuthTokenSource(
      PLATFORM_LABEL[platform],
      `${userId}:${platform}`,
      { accessToken: credentials.accessToken, refreshToken: credentials.refreshToken },
      settings,
      this.timeoutMs,
      this.refreshing,
      (tokens) => this.connections.replaceCredentials(userId, platform, merge(tokens)),
      async () => this.connections.credentials(userId, platform),
      (run) => this.database.withAdvisoryLock(`syncello:oauth-refresh:${userId}:${platform}`, run),
    );
  }

  private podioOAuth(): OAuthClientSettings {
    return {
      tokenUrl: this.config.get('PODIO_TOKEN_URL', { infer: true }) ?? `${this.config.get('PODIO_API_URL', { infer: true }).replace(/\/+$/, '')}/oauth/token/v2`,
      clientId: this.config.get('PODIO_CLIENT_ID', { infer: true }),
      clientSecret: this.config.get('PODIO_CLIENT_SECRET', { infer: true }),
    };
  }

  private shareFileOAuth(subdomain: string): OAuthClientSettings {
    return {
      tokenUrl: this.config.get('SHAREFILE_TOKEN_URL', { infer: true }) ?? `https://${subdomain}.sharefile.com/oauth/token`,
      clientId: this.config.get('SHAREFILE_CLIENT_ID', { infer: true }),
      clientSecret: this.config.get('SHAREFILE_CLIENT_SECRET', { infer: true }),
    };
  }
}
