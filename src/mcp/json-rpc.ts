import { MAX_BATCH_SIZE } from '@modelcontextprotocol/sdk/server/requestBody.js';
import { ErrorCode, JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';

/** Fastify route config flag (`@RouteConfig({ [JSON_RPC_ROUTE]: true })`): the route speaks JSON-RPC. */
export const JSON_RPC_ROUTE = 'jsonRpc';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * An error a request handler throws to answer a JSON-RPC error: the SDK sends its `code` and
 * `message` as they are (its own McpError would prefix the message with "MCP error <code>: ").
 */
export class JsonRpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'JsonRpcError';
  }
}

/** A JSON-RPC error response without an id (the request's id could not be read). */
export function jsonRpcError(code: number, message: string): string {
  return JSON.stringify({ jsonrpc: '2.0', id: null, error: { code, message } });
}

/**
 * Why a parsed body is not a JSON-RPC message (or a batch of them), or undefined when it is.
 * The SDK's transport calls all of these a parse error (-32700); JSON-RPC 2.0 says a body
 * that is JSON but not a Request object is an invalid request (-32600).
 */
export function invalidRequestReason(body: unknown): string | undefined {
  if (Array.isArray(body)) {
    if (body.length === 0) return 'Invalid Request: empty batch';
    // Checked before any message is looked at (the transport's own bound, and its message).
    if (body.length > MAX_BATCH_SIZE) return `Invalid Request: Batch must not exceed ${MAX_BATCH_SIZE} messages`;
    return body.every((message) => JSONRPCMessageSchema.safeParse(message).success) ? undefined : 'Invalid Request: not a JSON-RPC 2.0 message';
  }
  return JSONRPCMessageSchema.safeParse(body).success ? undefined : 'Invalid Request: not a JSON-RPC 2.0 message';
}

/** Fastify's JSON body parser refusing the body: malformed JSON, or an empty body. */
function isUnreadableJson(error: FastifyError): boolean {
  return error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (error instanceof SyntaxError && error.statusCode === 400);
}

/**
 * The route-level Fastify error handler of JSON-RPC routes. A body that is not JSON never
 * reaches Nest (Fastify parses it first), so it is answered here: JSON-RPC -32700 instead of
 * the Syncello 400 envelope. Every other error (content type, size, ...) goes on to the
 * application's handler, the one exception filter.
 */
function jsonRpcRouteErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): unknown {
  if (isUnreadableJson(error)) {
    reply.status(400).header('Content-Type', JSON_CONTENT_TYPE).send(jsonRpcError(ErrorCode.ParseError, 'Parse error: the body is not valid JSON'));
    return undefined;
  }
  // The application's handler as it is now (Nest installs it after the routes are registered).
  return request.server.errorHandler(error, request, reply);
}

/** Gives every route flagged with `JSON_RPC_ROUTE` the error handler above, as it is registered. */
export function installJsonRpcRouteErrors(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route: RouteOptions) => {
    if ((route.config as Record<string, unknown> | undefined)?.[JSON_RPC_ROUTE] === true && !route.errorHandler) {
      route.errorHandler = jsonRpcRouteErrorHandler;
    }
  });
}
