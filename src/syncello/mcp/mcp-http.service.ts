import { Injectable } from '@nestjs/common';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import type { FastifyReply } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import type { SyncelloPrincipal } from '../auth/syncello-principal.js';
import { invalidRequestReason, JSON_CONTENT_TYPE, jsonRpcError } from './json-rpc.js';
import { McpServerFactory } from './mcp-server.factory.js';

/** The transport reads only these headers; the others (Authorization first) never reach the SDK. */
const TRANSPORT_HEADERS = ['accept', 'content-type', 'mcp-protocol-version', 'mcp-session-id'] as const;
/** The SDK wants an absolute URL; only its path is ever read. */
const ENDPOINT_URL = 'http://syncello.invalid/v1/mcp';

function headersOf(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const name of TRANSPORT_HEADERS) {
    const value = incoming[name];
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/**
 * One `POST /v1/mcp` exchange over the SDK's Streamable HTTP transport, statelessly: a new
 * server and transport per request (no session id; plain JSON answers, no event stream),
 * closed when the answer is written. The body was parsed by Fastify and is handed over as is.
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
    try {
      await server.connect(transport);
      const response = await transport.handleRequest(new Request(ENDPOINT_URL, { method: 'POST', headers: headersOf(headers) }), {
        parsedBody: body,
      });
      const text = await response.text();
      reply.status(response.status);
      if (text.length === 0) {
        reply.send();
        return;
      }
      // With JSON responses enabled, whatever the transport answers is JSON-RPC as JSON.
      reply.header('Content-Type', JSON_CONTENT_TYPE).send(text);
    } finally {
      await server.close();
    }
  }
}
