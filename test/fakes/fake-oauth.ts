import type { FakeServer, RecordedRequest } from './fake-server.js';

export const OAUTH_CLIENT = { id: 'syncello-test-client', secret: 'syncello-test-client-secret' };

/**
 * The OAuth side of a fake platform: one connection's access and refresh tokens, a
 * `refresh_token` grant that rotates both (as Podio and ShareFile do), and a switch that
 * expires the access token the way the platform would after its lifetime.
 */
export class FakeOAuth {
  accessToken: string;
  refreshToken: string;
  grants = 0;
  /** Delay of the token endpoint, so concurrent refreshes would overlap. */
  delayMs = 0;
  /** The token endpoint answers this status instead (400 invalid_grant, 500, ...). */
  failWith?: number;
  /** The platform refuses even fresh tokens (the user revoked the app, say). */
  revoked = false;

  constructor(private readonly prefix: string) {
    this.accessToken = `${prefix}-access-0`;
    this.refreshToken = `${prefix}-refresh-0`;
  }

  accepts(authorization: string | undefined, scheme: string): boolean {
    return !this.revoked && authorization === `${scheme} ${this.accessToken}`;
  }

  expireAccessToken(): void {
    this.accessToken = `${this.prefix}-access-expired-${this.grants}`;
  }

  /** The token endpoint on `server` (form-encoded, client credentials in the body). */
  mount(server: FakeServer, path: RegExp): void {
    server.route('POST', path, (req) => this.grant(req), { open: true });
  }

  private async grant(req: RecordedRequest) {
    if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const body = (req.body ?? {}) as Record<string, string>;
    if (this.failWith) return { status: this.failWith, body: { error: 'server_error' } };
    if (body.grant_type !== 'refresh_token' || body.client_id !== OAUTH_CLIENT.id || body.client_secret !== OAUTH_CLIENT.secret || body.refresh_token !== this.refreshToken) {
      return { status: 400, body: { error: 'invalid_grant', error_description: 'The refresh token is invalid' } };
    }
    this.grants++;
    this.accessToken = `${this.prefix}-access-${this.grants}`;
    this.refreshToken = `${this.prefix}-refresh-${this.grants}`;
    return { body: { access_token: this.accessToken, refresh_token: this.refreshToken, token_type: 'bearer', expires_in: 28800 } };
  }
}

/** The settings that point the service at the three fakes, each started at its base URL. */
export function fakePlatformsEnv(urls: { tape: string; podio: string; sharefile: string }): Record<string, string> {
  return {
    TAPE_API_URL: `${urls.tape}/v1`,
    PODIO_API_URL: urls.podio,
    PODIO_CLIENT_ID: OAUTH_CLIENT.id,
    PODIO_CLIENT_SECRET: OAUTH_CLIENT.secret,
    SHAREFILE_API_URL: `${urls.sharefile}/sf/v3`,
    SHAREFILE_TOKEN_URL: `${urls.sharefile}/oauth/token`,
    SHAREFILE_CLIENT_ID: OAUTH_CLIENT.id,
    SHAREFILE_CLIENT_SECRET: OAUTH_CLIENT.secret,
  };
}
