import { type ArgumentsHost, Catch } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiException } from '../common/errors/api.exception.js';
import { ApiExceptionFilter } from '../common/filters/api-exception.filter.js';
import { JSON_CONTENT_TYPE } from './json-rpc.js';

/** GET and DELETE on the stateless endpoint: there is no event stream to open, no session to end. */
export class McpMethodNotAllowedException extends Error {
  constructor(readonly method: string) {
    super(`Method Not Allowed: ${method} /v1/mcp; MCP requests are POSTed (stateless: no event stream, no session)`);
  }
}

/**
 * The errors of `/v1/mcp` before a JSON-RPC exchange starts: rendered by the one exception
 * filter, plus what an MCP client needs: `WWW-Authenticate: Bearer` on the 401 (so it knows
 * to send its API key), and `Allow: POST` on the 405.
 */
@Catch()
export class McpExceptionFilter extends ApiExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof McpMethodNotAllowedException) {
      reply
        .status(405)
        .header('Allow', 'POST')
        .header('Content-Type', JSON_CONTENT_TYPE)
        .send({ success: false, error: { code: 'METHOD_NOT_ALLOWED', message: exception.message } });
      return;
    }
    if (exception instanceof ApiException && exception.status === 401) reply.header('WWW-Authenticate', 'Bearer');
    super.catch(exception, host);
  }
}
