import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { maxHeaderSize, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { ApiException } from '../errors/api.exception.js';
import { ErrorCode } from '../errors/error-code.enum.js';
import { render } from '../filters/api-exception.filter.js';
import { surfaceOf } from './surface.js';

/** A client-sent `X-Request-Id` is echoed only when it looks like this. */
export const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A request line longer than this (or one that never ends) is answered 414, not 431. */
export const MAX_REQUEST_LINE_BYTES = 8 * 1024;

/** How much of the partial request is looked at to find its path and request id. */
const SNIFF_BYTES = 64 * 1024;

interface ClientError extends Error {
  code?: string;
  /** The bytes Node's HTTP parser was reading when it failed (a Buffer; absent for timeouts). */
  rawPacket?: unknown;
}

interface PartialRequest {
  path?: string;
  requestId?: string;
  requestLineBytes: number;
}

/** What can be read of a request the HTTP parser refused: its path and request id, if present. */
export function sniffRequest(rawPacket: unknown): PartialRequest {
  if (!Buffer.isBuffer(rawPacket) || rawPacket.length === 0) return { requestLineBytes: 0 };
  const text = rawPacket.subarray(0, SNIFF_BYTES).toString('latin1');
  const lineEnd = text.indexOf('\r\n');
  const requestLineBytes = lineEnd === -1 ? rawPacket.length : lineEnd;
  const line = /^[A-Z]{1,16} (\/[^ \r\n]*)/.exec(text);
  const idHeader = /\r\nx-request-id:[ \t]*([^\r\n]{0,200})\r\n/i.exec(text);
  const requestId = idHeader?.[1]?.trim();
  return {
    path: line?.[1],
    requestId: requestId && SANE_REQUEST_ID.test(requestId) ? requestId : undefined,
    requestLineBytes,
  };
}

function fromRequest(request: IncomingMessage): PartialRequest {
  const sent = request.headers['x-request-id'];
  return { path: request.url, requestId: typeof sent === 'string' && SANE_REQUEST_ID.test(sent) ? sent : undefined, requestLineBytes: 0 };
}

function errorOf(error: ClientError, partial: PartialRequest): ApiException {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new ApiException(ErrorCode.RequestTimeout, 'The request was not received in time');
  }
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    if (partial.requestLineBytes > MAX_REQUEST_LINE_BYTES) {
      return new ApiException(ErrorCode.UriTooLong, `Request line exceeds ${MAX_REQUEST_LINE_BYTES / 1024} KB`);
    }
    return new ApiException(ErrorCode.HeadersTooLarge, `Request headers exceed ${maxHeaderSize / 1024} KB`);
  }
  return new ApiException(ErrorCode.ValidationError, 'Malformed HTTP request');
}

/**
 * Fastify's `clientErrorHandler`: errors Node's HTTP parser raises before a request exists
 * (malformed request, headers or request line too large, headers or body too slow) answered in
 * the shape of the surface the partial request's path belongs to, with an `X-Request-Id`,
 * and the connection closed. Fastify's default answers in its own shape and with no id.
 */
export function clientErrorHandler(this: FastifyInstance, error: ClientError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // A request whose headers arrived but whose body is too slow is already in flight: Node keeps
  // its response on the socket (`_httpMessage`), and with it the request's path and id.
  const inFlight = (socket as unknown as { _httpMessage?: ServerResponse & { req?: IncomingMessage } })._httpMessage;
  if (inFlight?.headersSent) {
    socket.destroy(error);
    return;
  }
  const partial = inFlight?.req ? fromRequest(inFlight.req) : sniffRequest(error.rawPacket);
  const apiError = errorOf(error, partial);
  const body = JSON.stringify(render(surfaceOf(partial.path ?? ''), apiError));
  const requestId = partial.requestId ?? randomUUID();
  this.log.debug({ reqId: requestId, code: error.code, status: apiError.status }, 'client error');
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${apiError.status} ${STATUS_CODES[apiError.status]}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Request-Id: ${requestId}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
