/** The Swagger examples of `POST /v1/mcp` (the schemas are in dto/json-rpc.dto.ts). */
import { McpToolCatalogue } from './mcp-tool.catalogue.js';

const LIST_APPS = { workspace_id: 12345 };

export const MCP_REQUEST_EXAMPLES = {
  initialize: {
    summary: 'initialize',
    value: { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'my-agent', version: '1.0.0' } } },
  },
  list: { summary: 'tools/list', value: { jsonrpc: '2.0', id: 2, method: 'tools/list' } },
  call: { summary: 'tools/call', value: { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'tape_listApps', arguments: LIST_APPS } } },
};

export const MCP_RESPONSE_EXAMPLES = {
  list: {
    summary: 'tools/list',
    value: {
      jsonrpc: '2.0',
      id: 2,
      result: {
        // The live entry, so the example follows the tool's input rules.
        tools: [McpToolCatalogue.byName('tape_listApps')!.listing],
      },
    },
  },
  call: {
    summary: 'tools/call',
    value: {
      jsonrpc: '2.0',
      id: 3,
      result: {
        content: [{ type: 'text', text: 'Found 2 apps in workspace 12345:\n1. Contacts (ID: 1001)\n2. Projects (ID: 1002)' }],
        structuredContent: { apps: [{ id: 1001, name: 'Contacts', description: 'People we work with' }, { id: 1002, name: 'Projects', description: 'Ongoing work' }] },
      },
    },
  },
  toolError: {
    summary: 'tools/call: the tool failed',
    value: { jsonrpc: '2.0', id: 3, result: { content: [{ type: 'text', text: 'workspace_id: is required' }], isError: true } },
  },
  unknownTool: {
    summary: 'tools/call: unknown tool',
    value: { jsonrpc: '2.0', id: 3, error: { code: -32602, message: 'Unknown tool "tape_nope"; tools/list names the tools you can run' } },
  },
};
