import { withTokenRefresh, type OAuthTokenSource } from '../oauth-token-source.js';
import { joinUrl, requestJson, type PlatformRequest } from '../platform-http.js';
import type { PodioApp, PodioFilterResult, PodioItem } from './podio.types.js';

/** Podio's REST API for one connection (`Authorization: OAuth2 <token>`, refreshed on 401). */
export class PodioClient {
  constructor(
    private readonly baseUrl: string,
    private readonly tokens: OAuthTokenSource,
    private readonly timeoutMs: number,
  ) {}

  listApps(spaceId: number): Promise<PodioApp[]> {
    return this.call(`/app/space/${spaceId}/`);
  }

  getApp(appId: number): Promise<PodioApp> {
    return this.call(`/app/${appId}`);
  }

  getItem(itemId: number): Promise<PodioItem> {
    return this.call(`/item/${itemId}`);
  }

  filterItems(appId: number, body: { filters?: Record<string, unknown>; limit?: number; offset?: number }): Promise<PodioFilterResult> {
    return this.call(`/item/app/${appId}/filter/`, { method: 'POST', body });
  }

  createItem(appId: number, fields: Record<string, unknown>): Promise<PodioItem> {
    return this.call(`/item/app/${appId}/`, { method: 'POST', body: { fields } });
  }

  private call<T>(path: string, request: Omit<PlatformRequest, 'headers'> = {}): Promise<T> {
    return withTokenRefresh(this.tokens, (token) =>
      requestJson<T>('Podio', joinUrl(this.baseUrl, path), { ...request, headers: { Authorization: `OAuth2 ${token}` } }, this.timeoutMs),
    );
  }
}
