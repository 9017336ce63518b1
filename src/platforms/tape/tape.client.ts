import { joinUrl, requestJson, type PlatformRequest } from '../platform-http.js';
import type { TapeApp, TapeAppList, TapeRecord, TapeRecordList, TapeWorkspaceList } from './tape.types.js';

/** Tape's REST API with one user's API key (`Authorization: Bearer <apiKey>`). */
export class TapeClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly timeoutMs: number,
  ) {}

  listWorkspaces(): Promise<TapeWorkspaceList> {
    return this.call('/workspace/org');
  }

  listApps(workspaceId: number): Promise<TapeAppList> {
    return this.call(`/app/workspace/${workspaceId}`);
  }

  getApp(appId: number): Promise<TapeApp> {
    return this.call(`/app/${appId}`);
  }

  listRecords(appId: number, page: { limit?: number; cursor?: string }): Promise<TapeRecordList> {
    return this.call(`/record/app/${appId}`, { query: page });
  }

  getRecord(recordId: number): Promise<TapeRecord> {
    return this.call(`/record/${recordId}`);
  }

  createRecord(appId: number, fields: Record<string, unknown>): Promise<TapeRecord> {
    return this.call(`/record/app/${appId}`, { method: 'POST', body: { fields } });
  }

  updateRecord(recordId: number, fields: Record<string, unknown>): Promise<TapeRecord> {
    return this.call(`/record/${recordId}`, { method: 'PUT', body: { fields } });
  }

  private call<T>(path: string, request: Omit<PlatformRequest, 'headers'> = {}): Promise<T> {
    return requestJson<T>('Tape', joinUrl(this.baseUrl, path), { ...request, headers: { Authorization: `Bearer ${this.apiKey}` } }, this.timeoutMs);
  }
}
