import {
  type ApiException,
  NotFoundException,
  RateLimitedException,
  UpstreamException,
  UpstreamTimeoutException,
  ValidationException,
} from '../common/errors/api.exception.js';

export const PLATFORM_LABEL = { tape: 'Tape', podio: 'Podio', sharefile: 'ShareFile' } as const;
export type PlatformLabel = (typeof PLATFORM_LABEL)[keyof typeof PLATFORM_LABEL];

const DEFAULT_RETRY_AFTER_SECONDS = 60;
const MAX_PLATFORM_MESSAGE = 200;

/** What went wrong upstream, before it is decided what the client sees. */
export class UpstreamFailure extends Error {
  constructor(
    readonly platform: PlatformLabel,
    readonly kind: 'status' | 'timeout' | 'network' | 'unreadable' | 'refresh',
    readonly status?: number,
    /** The platform's own message, already filtered (printable, short). */
    readonly platformMessage?: string,
    readonly retryAfter?: number,
  ) {
    super(`${platform} ${kind}${status ? ` ${status}` : ''}`);
  }
}

export interface PlatformRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers: Record<string, string>;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
}

/**
 * JSON over the global fetch, with a deadline. Failures come out as UpstreamFailure; the
 * contract's mapping to client errors is `toClientError`.
 */
export async function requestJson<T>(platform: PlatformLabel, url: URL, request: PlatformRequest, timeoutMs: number): Promise<T> {
  for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: request.method ?? 'GET',
      headers: { Accept: 'application/json', ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...request.headers },
      body: request.body !== undefined ? JSON.stringify(request.body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    text = await response.text();
  } catch (error) {
    const name = (error as { name?: string }).name;
    throw new UpstreamFailure(platform, name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network');
  }
  const body = parseJson(text);
  if (!response.ok) {
    throw new UpstreamFailure(platform, 'status', response.status, platformMessage(body), retryAfterSeconds(response.headers.get('retry-after')));
  }
  if (body === undefined && text.length > 0) throw new UpstreamFailure(platform, 'unreadable');
  return body as T;
}

/** The contract's mapping of a platform failure to what the client sees. */
export function toClientError(failure: UpstreamFailure, timeoutMs: number): ApiException {
  const { platform } = failure;
  if (failure.kind === 'timeout') return new UpstreamTimeoutException(`${platform} did not answer within ${timeoutMs} ms`);
  if (failure.kind === 'network') return new UpstreamException(`${platform} could not be reached`);
  if (failure.kind === 'unreadable') return new UpstreamException(`${platform} sent a response that could not be read`);
  if (failure.kind === 'refresh') {
    return new UpstreamException(`${platform} rejected the stored credentials and renewing them failed; reconnect ${platform}`);
  }
  const status = failure.status ?? 0;
  if (status === 404) return new NotFoundException(`${platform}: the requested resource was not found`);
  if (status === 400 || status === 409 || status === 422) {
    return new ValidationException(`${platform} rejected the request${failure.platformMessage ? `: ${failure.platformMessage}` : ''}`);
  }
  if (status === 429) {
    return new RateLimitedException(`${platform} rate limit reached; retry later`, failure.retryAfter ?? DEFAULT_RETRY_AFTER_SECONDS);
  }
  if (status === 401 || status === 403) {
    return new UpstreamException(`${platform} rejected the stored credentials; reconnect ${platform}`);
  }
  return new UpstreamException(`${platform} failed (HTTP ${status})`);
}

function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A short, printable message from the usual error fields, or nothing. */
function platformMessage(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  const nested = Array.isArray(b.errors) ? (b.errors[0] as Record<string, unknown> | undefined)?.message : undefined;
  const odata = b.message && typeof b.message === 'object' ? (b.message as Record<string, unknown>).value : undefined;
  for (const candidate of [b.error_description, odata, b.message, nested, b.error]) {
    if (typeof candidate === 'string') {
      const clean = candidate.replace(/[^\x20-\x7E\u00A0-\uFFFF]+/g, ' ').replace(/\s+/g, ' ').trim();
      if (clean) return clean.length > MAX_PLATFORM_MESSAGE ? `${clean.slice(0, MAX_PLATFORM_MESSAGE)}…` : clean;
    }
  }
  return undefined;
}

function retryAfterSeconds(header: string | null): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Math.min(Number(header.trim()), 86_400);
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.min(Math.ceil((date - Date.now()) / 1000), 86_400));
}

/** `base` + `/path`, keeping any path the base already has. */
export function joinUrl(base: string, path: string): URL {
  return new URL(base.replace(/\/+$/, '') + path);
}
