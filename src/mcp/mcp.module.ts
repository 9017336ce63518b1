import { Module } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { AuthModule } from '../auth/index.js';
import { ToolsModule } from '../tools/index.js';
import { installJsonRpcRouteErrors } from './json-rpc.js';
import { McpController } from './mcp.controller.js';
import { McpHttpService } from './mcp-http.service.js';
import { McpServerFactory } from './mcp-server.factory.js';

/** `POST /v1/mcp`: Syncello's tools over the Model Context Protocol, on the tools' own execution path. */
@Module({
  imports: [AuthModule, ToolsModule],
  controllers: [McpController],
  providers: [McpHttpService, McpServerFactory],
})
export class McpModule {
  constructor(adapterHost: HttpAdapterHost) {
    // Before Nest registers the routes (app.init), so the MCP route gets its JSON-RPC parse errors.
    installJsonRpcRouteErrors(adapterHost.httpAdapter.getInstance<FastifyInstance>());
  }
}
