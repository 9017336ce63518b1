/** The Swagger description of `POST /v1/mcp`: JSON-RPC 2.0 objects as MCP uses them. */
import { McpToolCatalogue } from './mcp-tool.catalogue.js';

const ID = { oneOf: [{ type: 'string' }, { type: 'integer' }], description: 'Absent in notifications' };

const JSON_RPC_REQUEST = {
  type: 'object',
  required: ['jsonrpc', 'method'],
  properties: {
    jsonrpc: { type: 'string', enum: ['2.0'] },
    id: ID,
    method: { type: 'string', example: 'tools/list', description: '`initialize`, `notifications/initialized`, `ping`, `tools/list`, `tools/call`' },
    params: { type: 'object', additionalProperties: true },
  },
};

/** One message, or a batch (an array) of them. */
export const JSON_RPC_REQUEST_SCHEMA = { oneOf: [JSON_RPC_REQUEST, { type: 'array', items: JSON_RPC_REQUEST, minItems: 1 }] };

/** Refusals before any message is read (400, 406): the id is always null. */
export const JSON_RPC_ERROR_SCHEMA = {
  type: 'object',
  required: ['jsonrpc', 'id', 'error'],
  properties: {
    jsonrpc: { type: 'string', enum: ['2.0'] },
    id: { type: 'string', nullable: true, enum: [null], description: 'Always null: the request could not be read' },
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'integer' }, message: { type: 'string' }, data: {} },
    },
  },
};

const JSON_RPC_RESPONSE = {
  type: 'object',
  required: ['jsonrpc', 'id'],
  properties: {
    jsonrpc: { type: 'string', enum: ['2.0'] },
    id: { oneOf: [{ type: 'string' }, { type: 'integer' }], description: "The request's id" },
    result: { type: 'object', additionalProperties: true, description: 'On success' },
    error: JSON_RPC_ERROR_SCHEMA.properties.error,
  },
};

/** One response, or for a batch of several requests an array of them in request order. */
export const JSON_RPC_RESPONSE_SCHEMA = { oneOf: [JSON_RPC_RESPONSE, { type: 'array', items: JSON_RPC_RESPONSE, minItems: 2 }] };

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
