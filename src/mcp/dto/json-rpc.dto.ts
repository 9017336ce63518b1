/**
 * The bodies of `POST /v1/mcp` as JSON schemas for Swagger: JSON-RPC 2.0 objects as MCP uses
 * them (documentation only: a body is checked by `invalidRequestReason` and the SDK).
 */
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
