/** The Swagger description of `POST /v1/mcp`: JSON-RPC 2.0 objects as MCP uses them. */

const ID = { oneOf: [{ type: 'string' }, { type: 'integer' }], description: 'Absent in notifications' };

export const JSON_RPC_REQUEST_SCHEMA = {
  type: 'object',
  required: ['jsonrpc', 'method'],
  properties: {
    jsonrpc: { type: 'string', enum: ['2.0'] },
    id: ID,
    method: { type: 'string', example: 'tools/list', description: '`initialize`, `notifications/initialized`, `ping`, `tools/list`, `tools/call`' },
    params: { type: 'object', additionalProperties: true },
  },
};

export const JSON_RPC_ERROR_SCHEMA = {
  type: 'object',
  required: ['jsonrpc', 'id', 'error'],
  properties: {
    jsonrpc: { type: 'string', enum: ['2.0'] },
    id: { oneOf: [{ type: 'string' }, { type: 'integer' }], nullable: true },
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'integer' }, message: { type: 'string' }, data: {} },
    },
  },
};

export const JSON_RPC_RESPONSE_SCHEMA = {
  type: 'object',
  required: ['jsonrpc', 'id'],
  properties: {
    jsonrpc: { type: 'string', enum: ['2.0'] },
    id: { oneOf: [{ type: 'string' }, { type: 'integer' }], nullable: true },
    result: { type: 'object', additionalProperties: true, description: 'On success' },
    error: JSON_RPC_ERROR_SCHEMA.properties.error,
  },
};

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
        tools: [
          {
            name: 'tape_listApps',
            title: 'Tape: List apps',
            description: 'List the apps of a Tape workspace',
            inputSchema: { type: 'object', properties: { workspace_id: { type: 'integer', minimum: 1 } }, required: ['workspace_id'], additionalProperties: false },
            annotations: { title: 'Tape: List apps', readOnlyHint: true, openWorldHint: true },
          },
        ],
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
