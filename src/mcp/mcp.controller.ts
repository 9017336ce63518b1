import { Body, Controller, Delete, Get, Headers, HttpCode, Post, Req, Res, UseFilters } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiKeyUser, Public, SyncelloAuth, type ApiKeyPrincipal } from '../auth/index.js';
import { ApiSyncelloCommonErrors, ApiSyncelloError } from '../common/http/api-error.decorators.js';
import { JSON_RPC_ROUTE } from './json-rpc.js';
import { McpExceptionFilter, McpMethodNotAllowedException } from './mcp-exception.filter.js';
import { McpHttpService } from './mcp-http.service.js';
import { JSON_RPC_ERROR_SCHEMA, JSON_RPC_REQUEST_SCHEMA, JSON_RPC_RESPONSE_SCHEMA } from './dto/json-rpc.dto.js';
import { MCP_REQUEST_EXAMPLES, MCP_RESPONSE_EXAMPLES } from './mcp.openapi.js';

const METHOD_NOT_ALLOWED = {
  status: 405,
  description: 'The endpoint is stateless: no event stream to open (GET), no session to end (DELETE). `Allow: POST`',
  content: {
    'application/json': {
      schema: { type: 'object', required: ['success', 'error'], properties: { success: { type: 'boolean', enum: [false] }, error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string', enum: ['METHOD_NOT_ALLOWED'] }, message: { type: 'string' } } } } },
      example: { success: false, error: { code: 'METHOD_NOT_ALLOWED', message: new McpMethodNotAllowedException('GET').message } },
    },
  },
};

/** Syncello's tools for AI clients over the Model Context Protocol (Streamable HTTP, stateless). */
@ApiTags('syncello: mcp')
@UseFilters(McpExceptionFilter)
@Controller('v1/mcp')
export class McpController {
  constructor(private readonly mcp: McpHttpService) {}

  @Post()
  @HttpCode(200)
  @RouteConfig({ [JSON_RPC_ROUTE]: true })
  @SyncelloAuth({ token: 'api-key' })
  @ApiOperation({
    summary: 'MCP endpoint (JSON-RPC 2.0 over Streamable HTTP): initialize, tools/list, tools/call',
    description: [
      'The Model Context Protocol over HTTP, stateless: POST one JSON-RPC message (or a batch); the answer is plain JSON (no event stream, no session id).',
      'Send `Accept: application/json, text/event-stream` (the transport requires both) and the API key as `Authorization: Bearer`.',
      '`tools/list` names the tools this key can run now (`<platform>_<tool>`, input schemas as in `GET /v1/tools`);',
      '`tools/call` runs one exactly as `POST /v1/tools/{platform}/{tool}` does: a tool that fails answers `isError: true` with the REST message; an unknown tool name is error -32602.',
      'Notifications alone (e.g. `notifications/initialized`) are answered 202 without a body.',
    ].join(' '),
  })
  @ApiBody({ schema: JSON_RPC_REQUEST_SCHEMA, examples: MCP_REQUEST_EXAMPLES })
  @ApiResponse({ status: 200, description: 'The JSON-RPC response: a result, or an error (-32601 unknown method, -32602 invalid params or unknown tool)', content: { 'application/json': { schema: JSON_RPC_RESPONSE_SCHEMA, examples: MCP_RESPONSE_EXAMPLES } } })
  @ApiResponse({ status: 202, description: 'Only notifications were sent: nothing to answer' })
  @ApiResponse({
    status: 400,
    description: 'Malformed request: -32700 (not JSON), -32600 (not a JSON-RPC message), -32000 (unsupported `MCP-Protocol-Version`)',
    content: { 'application/json': { schema: JSON_RPC_ERROR_SCHEMA, example: { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error: the body is not valid JSON' } } } },
  })
  @ApiResponse({
    status: 406,
    description: 'The `Accept` header does not list both application/json and text/event-stream',
    content: { 'application/json': { schema: JSON_RPC_ERROR_SCHEMA, example: { jsonrpc: '2.0', id: null, error: { code: -32000, message: 'Not Acceptable: Client must accept both application/json and text/event-stream' } } } },
  })
  @ApiSyncelloError(413, 'Request body exceeds the 10 MB limit')
  @ApiSyncelloError(415, 'Content-Type must be application/json')
  @ApiSyncelloCommonErrors()
  handle(@ApiKeyUser() principal: ApiKeyPrincipal, @Headers() headers: IncomingHttpHeaders, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    return this.mcp.handle(principal, headers, body, reply);
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'Not served: 405 (stateless MCP has no server-sent event stream)' })
  @ApiResponse(METHOD_NOT_ALLOWED)
  @ApiSyncelloCommonErrors()
  openStream(@Req() request: FastifyRequest): never {
    throw new McpMethodNotAllowedException(request.method);
  }

  @Delete()
  @Public()
  @ApiOperation({ summary: 'Not served: 405 (stateless MCP has no session to end)' })
  @ApiResponse(METHOD_NOT_ALLOWED)
  @ApiSyncelloCommonErrors()
  endSession(): never {
    throw new McpMethodNotAllowedException('DELETE');
  }
}
