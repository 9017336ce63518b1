import { type PlatformLabel, UpstreamFailure } from './platform-http.js';

export interface OAuthTokens {
  accessToken: string;
  refreshToken?: string;
}

export interface OAuthClientSettings {
  tokenUrl: string;
  clientId?: string;
  clientSecret?: string;
}

/**
 * One connection's OAuth tokens as a platform client sees them: the current access token,
 * and `refresh(failed)` when the platform answered 401. Refreshes of one connection are
 * single-flight: within the process through `inFlight` (concurrent calls that failed with
 * the same token wait for one refresh), across instances through `exclusive` (a lock, after
 * which the stored tokens are read again).
 */
export class OAuthTokenSource {
  constructor(
    private readonly platform: PlatformLabel,
    private readonly connectionKey: string,
    private tokens: OAuthTokens,
    private readonly settings: OAuthClientSettings,
    private readonly timeoutMs: number,
    private readonly inFlight: Map<string, Promise<OAuthTokens>>,
    /** Stores the new tokens (sealed) before anyone uses them. */
    private readonly persist: (tokens: OAuthTokens) => Promise<void>,
    /** The tokens as stored now: another call (or instance) may have refreshed them already. */
    private readonly stored: () => Promise<OAuthTokens | undefined>,
    /** Runs the refresh while holding this connection's lock across instances. */
    private readonly exclusive: <T>(run: () => Promise<T>) => Promise<T>,
  ) {}

  get accessToken(): string {
    return this.tokens.accessToken;
  }

  /**
   * New tokens after `failedAccessToken` was refused, or a failure saying the stored
   * credentials cannot be renewed (no refresh token, or the token endpoint refused).
   */
  async refresh(failedAccessToken: string): Promise<string> {
    if (this.tokens.accessToken !== failedAccessToken) return this.tokens.accessToken;
    let pending = this.inFlight.get(this.connectionKey);
    if (!pending) {
      const stored = await this.stored();
      if (stored && stored.accessToken !== failedAccessToken) {
        this.tokens = stored;
        return stored.accessToken;
      }
    }
    pending = this.inFlight.get(this.connectionKey);
    if (!pending) {
      pending = this.requestNewTokens().finally(() => this.inFlight.delete(this.connectionKey));
      this.inFlight.set(this.connectionKey, pending);
    }
    this.tokens = await pending;
    return this.tokens.accessToken;
  }

  private requestNewTokens(): Promise<OAuthTokens> {
    return this.exclusive(async () => {
      // Another instance may have refreshed while this one waited for the lock.
      const stored = await this.stored();
      if (stored && stored.accessToken !== this.tokens.accessToken) return stored;
      return this.grant();
    });
  }

  private async grant(): Promise<OAuthTokens> {
    const { refreshToken } = this.tokens;
    const { clientId, clientSecret, tokenUrl } = this.settings;
    if (!refreshToken || !clientId || !clientSecret) throw new UpstreamFailure(this.platform, 'status', 401);
    let response: Response;
    let body: unknown;
    try {
      response = await fetch(tokenUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId, client_secret: clientSecret }),
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'error',
      });
      body = await response.json().catch(() => undefined);
    } catch {
      throw new UpstreamFailure(this.platform, 'refresh');
    }
    const accessToken = (body as { access_token?: unknown } | undefined)?.access_token;
    if (!response.ok || typeof accessToken !== 'string' || accessToken.length === 0) throw new UpstreamFailure(this.platform, 'refresh');
    const next = (body as { refresh_token?: unknown }).refresh_token;
    const tokens = { accessToken, refreshToken: typeof next === 'string' && next ? next : refreshToken };
    await this.persist(tokens);
    return tokens;
  }
}

/**
 * Runs a platform call with the source's access token; on a 401, refreshes once and retries
 * once. A second 401, or a refresh that fails, is the platform refusing the credentials.
 */
export async function withTokenRefresh<T>(source: OAuthTokenSource, call: (accessToken: string) => Promise<T>): Promise<T> {
  const used = source.accessToken;
  try {
    return await call(used);
  } catch (error) {
    if (!(error instanceof UpstreamFailure) || error.status !== 401) throw error;
  }
  return call(await source.refresh(used));
}
