import { withTokenRefresh, type OAuthTokenSource } from '../oauth-token-source.js';
import { joinUrl, requestJson, type PlatformRequest } from '../platform-http.js';
import type { ShareFileItem, ShareFileList } from './sharefile.types.js';

/** ShareFile's v3 API for one connection (`Authorization: Bearer <token>`, refreshed on 401). */
export class ShareFileClient {
  constructor(
    private readonly baseUrl: string,
    private readonly tokens: OAuthTokenSource,
    private readonly timeoutMs: number,
  ) {}

  children(folderId: string, page: { top: number; skip: number }): Promise<ShareFileList> {
    return this.call(`/Items(${folderId})/Children`, { query: { $top: page.top, $skip: page.skip } });
  }

  item(itemId: string): Promise<ShareFileItem> {
    return this.call(`/Items(${itemId})`);
  }

  itemByPath(path: string): Promise<ShareFileItem> {
    return this.call('/Items/ByPath', { query: { path } });
  }

  createFolder(parentId: string, name: string): Promise<ShareFileItem> {
    return this.call(`/Items(${parentId})/Folder`, { method: 'POST', body: { Name: name } });
  }

  private call<T>(path: string, request: Omit<PlatformRequest, 'headers'> = {}): Promise<T> {
    return withTokenRefresh(this.tokens, (token) =>
      requestJson<T>('ShareFile', joinUrl(this.baseUrl, path), { ...request, headers: { Authorization: `Bearer ${token}` } }, this.timeoutMs),
    );
  }
}
