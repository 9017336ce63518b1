import { Injectable } from '@nestjs/common';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { ErrorCode, type JSONRPCMessage, type RequestId } from '@modelcontextprotocol/sdk/types.js';
import type { FastifyReply } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import type { SyncelloPrincipal } from '../auth/index.js';
import { invalidRequestReason, JSON_CONTENT_TYPE, jsonRpcError } from './json-rpc.js';
import { McpServerFactory } from './mcp-server.factory.js';

/** The transport reads only these headers; the others (Authorization first) never reach the SDK. */
const TRANSPORT_HEADERS = ['accept', 'content-type', 'mcp-protocol-version', 'mcp-session-id'] as const;
/** The SDK wants an absolute URL; only its path is ever read. */
const ENDPOINT_URL = 'http://syncello.invalid/v1/mcp';

/**
 * The request as the transport reads it: its method, its URL, and `headers.get()` /
 * `headers.entries()`. A WHATWG `Request` would build an `AbortSignal`, a `Headers` object and
 * body machinery that nothing here reads: a third of the SDK exchange's cost in the profile.
 */
class TransportRequest {
  readonly method = 'POST';
  readonly url = ENDPOINT_URL;
  readonly headers: { get(name: string): string | null; entries(): IterableIterator<[string, string]> };

  constructor(incoming: IncomingHttpHeaders) {
    const picked = new Map<string, string>();
    for (const name of TRANSPORT_HEADERS) {
      const value = incoming[name];
      if (value !== undefined) picked.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    this.headers = { get: (name) => picked.get(name.toLowerCase()) ?? null, entries: () => picked.entries() };
  }
}

function isResponse(message: JSONRPCMessage): message is JSONRPCMessage & { id: RequestId } {
  return 'id' in message && ('result' in message || 'error' in message);
}

/** The ids of the requests (not notifications) of a body, in the order they were sent. */
function requestIds(body: unknown): RequestId[] {
  const messages = (Array.isArray(body) ? body : [body]) as Array<Record<string, unknown>>;
  return messages.filter((m) => typeof m.method === 'string' && m.id !== undefined).map((m) => m.id as RequestId);
}

/**
 * One `POST /v1/mcp` exchange over the SDK's Streamable HTTP transport, statelessly: a new
 * server and transport per request (no session id; plain JSON answers, no event stream). The body was parsed by Fastify and is handed over as is.
 */
@Injectable()
export class McpHttpService {
  constructor(private readonly servers: McpServerFactory) {}

  async handle(principal: SyncelloPrincipal, headers: IncomingHttpHeaders, body: unknown, reply: FastifyReply): Promise<void> {
    const invalid = body === undefined ? undefined : invalidRequestReason(body);
    if (invalid) {
      reply.status(400).header('Content-Type', JSON_CONTENT_TYPE).send(jsonRpcError(ErrorCode.InvalidRequest, invalid));
      return;
    }

    const server = this.servers.create(principal);
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    // The JSON-RPC responses are taken as the server hands them to the transport, and kept from
    // it: the transport would build a web Response around them (a stream) only for this to read
    // it back. Once every request of the body has its response, the exchange is over; a
    // refusal of the transport's own (406, 415, a malformed message) or a body of notifications
    // only (202) comes back from handleRequest instead, before any response.
    const ids = requestIds(body);
    const expected = new Set(ids).size;
    const answered = new Map<RequestId, JSONRPCMessage>();
    let allAnswered: () => void = () => undefined;
    const everyAnswer = new Promise<undefined>((resolve) => (allAnswered = () => resolve(undefined)));
    await server.connect(transport);
    const send = transport.send.bind(transport);
    transport.send = async (message, options) => {
      if (!isResponse(message)) return send(message, options);
      answered.set(message.id, message);
      if (expected > 0 && answered.size >= expected) allAnswered();
    };
    const request = new TransportRequest(headers) as unknown as Request;
    const handled = transport.handleRequest(request, { parsedBody: body });
    // Once every answer is in, handleRequest is left waiting on a response it will never build:
    // should it ever settle with an error after that, it is no longer anyone's to handle.
    handled.catch(() => undefined);
    const response = await Promise.race([handled, everyAnswer]);
    // The server and transport are not closed: they hold nothing to release (no timer, socket or
    // stream once every response is in) and are garbage once this returns. close() would only
    // abort each finished handler's signal (a DOMException and an McpError per request, a third
    // of the exchange's cost).
    if (response === undefined) {
      // What the transport's body would hold: the one response, or the batch's in request order.
      const payload = ids.length === 1 ? answered.get(ids[0]!) : ids.map((id) => answered.get(id));
      reply.status(200).header('Content-Type', JSON_CONTENT_TYPE).send(JSON.stringify(payload));
      return;
    }
    reply.status(response.status);
    const text = await response.text();
    // 202 (notifications only) has no body; the transport's refusals (406, 415, 400) are JSON-RPC errors.
    if (text.length === 0) reply.send();
    else reply.header('Content-Type', JSON_CONTENT_TYPE).send(text);
  }
}
