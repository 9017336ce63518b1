import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface ScriptedFailure {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long before answering (a timeout test sets it above PLATFORM_TIMEOUT_MS). */
  delayMs?: number;
}

type Answer = { status?: number; body: unknown } | undefined;
export type Route = (req: RecordedRequest, match: RegExpExecArray) => Answer | Promise<Answer>;

/**
 * A real HTTP server for a platform's fake: routes by method and path pattern, records every
 * request, and can be told to fail the next calls (status, body, headers, delay).
 */
export class FakeServer {
  readonly requests: RecordedRequest[] = [];
  private readonly failures: ScriptedFailure[] = [];
  private readonly routes: Array<{ method: string; pattern: RegExp; handle: Route; open: boolean }> = [];
  private server?: Server;
  private readonly sockets = new Set<import('node:net').Socket>();

  constructor(private readonly authorize: (headers: IncomingMessage['headers']) => boolean) {}

  /** A route; `open` ones (a token endpoint, say) skip the authorization check. */
  route(method: string, pattern: RegExp, handle: Route, options: { open?: boolean } = {}): this {
    this.routes.push({ method, pattern, handle, open: options.open ?? false });
    return this;
  }

  failNext(...failures: ScriptedFailure[]): void {
    this.failures.push(...failures);
  }

  reset(): void {
    this.requests.length = 0;
    this.failures.length = 0;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: parseBody(text, req.headers['content-type']),
    };
    this.requests.push(recorded);

    const failure = this.failures.shift();
    if (failure) {
      if (failure.delayMs) await new Promise((resolve) => setTimeout(resolve, failure.delayMs));
      if (res.destroyed) return;
      return send(res, failure.status, failure.body ?? { error: 'scripted failure' }, failure.headers);
    }
    const authorized = this.authorize(req.headers);
    for (const route of this.routes) {
      const match = route.method === recorded.method ? route.pattern.exec(recorded.path) : null;
      if (!match) continue;
      if (!route.open && !authorized) return send(res, 401, { error: 'invalid_token', error_description: 'The access token is invalid' });
      const answer = await route.handle(recorded, match);
      if (answer) return send(res, answer.status ?? 200, answer.body);
    }
    send(res, 404, { error: 'not_found', error_description: 'Object not found' });
  }
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (!text) return undefined;
  if (contentType?.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  return JSON.parse(text) as unknown;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  // A string is sent as it is (a platform answering HTML, say); anything else as JSON.
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}
