import { Injectable, Logger } from '@nestjs/common';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, type CallToolResult, type ListToolsResult } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { z } from 'zod';
import { ApiException, Messages, ServiceUnavailableException } from '../common/errors/api.exception.js';
import { isDatabaseUnavailable } from '../common/errors/database-errors.js';
import type { SyncelloPrincipal } from '../auth/index.js';
import { ToolsService } from '../tools/index.js';
import { JsonRpcError } from './json-rpc.js';
import { McpToolCatalogue } from './mcp-tool.catalogue.js';

export const MCP_SERVER_INFO = { name: 'syncello', title: 'Syncello', version: '1.0.0' } as const;

/**
 * The SDK parses a request with the schema its handler was registered with before anything
 * else, and a request that fails that parse is answered -32603 (internal error) with zod's
 * text. Registered with loose params instead, `tools/call` is validated by the SDK's server
 * itself (-32602 "Invalid tools/call request") and `tools/list` ignores its params (one page).
 */
const LOOSE_CALL_TOOL = CallToolRequestSchema.extend({ params: z.unknown() });
const LOOSE_LIST_TOOLS = ListToolsRequestSchema.extend({ params: z.unknown().optional() });

const INSTRUCTIONS =
  "Syncello runs tools against the user's connected Tape, Podio and ShareFile accounts. " +
  'Tools are named <platform>_<tool>; tools/list shows only those this API key can run now. ' +
  'Each result is a text summary plus the same data as structuredContent.';

/**
 * The SDK's server compiles JSON schemas only for features this service does not offer
 * (elicitation); one validator for every per-request server instead of a new Ajv each time.
 */
const JSON_SCHEMA_VALIDATOR = new AjvJsonSchemaValidator();

/**
 * A fresh MCP server per HTTP request, bound to the caller (stateless: nothing is kept
 * between requests, so any instance answers any request). Building one costs a few small
 * objects; the tool metadata is built once (`McpToolCatalogue`).
 */
@Injectable()
export class McpServerFactory {
  private readonly logger = new Logger('Mcp');

  constructor(private readonly tools: ToolsService) {}

  create(principal: SyncelloPrincipal): Server {
    const server = new Server(MCP_SERVER_INFO, {
      capabilities: { tools: { listChanged: false } },
      instructions: INSTRUCTIONS,
      jsonSchemaValidator: JSON_SCHEMA_VALIDATOR,
    });
    server.setRequestHandler(LOOSE_LIST_TOOLS, async () => this.list(principal));
    // Reached only once the SDK has checked the params against CallToolRequestSchema.
    server.setRequestHandler(LOOSE_CALL_TOOL, async (request) => {
      const { name, arguments: input } = request.params as z.infer<typeof CallToolRequestSchema>['params'];
      return this.call(principal, name, input);
    });
    return server;
  }

  /** `tools/list`: the tools this caller can run right now. */
  private async list(principal: SyncelloPrincipal): Promise<ListToolsResult> {
    try {
      return { tools: McpToolCatalogue.listings(await this.tools.runnable(principal)) };
    } catch (error) {
      // The SDK would send a thrown error's own text: only our messages go out (a database
      // outage says so), anything else is logged and answered as a generic internal error.
      if (error instanceof ApiException) throw new JsonRpcError(ErrorCode.InternalError, error.message);
      if (isDatabaseUnavailable(error)) throw new JsonRpcError(ErrorCode.InternalError, new ServiceUnavailableException().message);
      this.logger.error({ err: error }, 'MCP tools/list failed');
      throw new JsonRpcError(ErrorCode.InternalError, Messages.internal);
    }
  }

  /**
   * `tools/call` takes the REST route's path (`ToolsService.run`): the same checks in the same
   * order, validation, platform call and usage counting. A tool that fails answers a result
   * with `isError` and the message REST would give; an unknown name is a JSON-RPC -32602.
   */
  private async call(principal: SyncelloPrincipal, name: string, input: unknown): Promise<CallToolResult> {
    const entry = McpToolCatalogue.byName(name);
    if (!entry) throw new JsonRpcError(ErrorCode.InvalidParams, `Unknown tool "${name.slice(0, 60)}"; tools/list names the tools you can run`);
    try {
      const run = await this.tools.run(principal, entry.tool.platform, entry.tool.name, input ?? {});
      return { content: [{ type: 'text', text: run.text }], structuredContent: run.structured as Record<string, unknown> };
    } catch (error) {
      if (error instanceof ApiException) return failure(error.message);
      // An outage reads as REST's 503 does (the exception filter's rule).
      if (isDatabaseUnavailable(error)) return failure(new ServiceUnavailableException().message);
      // A fault (not a tool's failure): logged here, never its text or stack to the client.
      this.logger.error({ err: error, tool: name }, 'MCP tool call failed');
      return failure(Messages.internal);
    }
  }
}

function failure(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}
