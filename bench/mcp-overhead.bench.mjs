// What statelessness costs on POST /v1/mcp: a new SDK server and transport per request, in
// process, without HTTP, authentication or the database. Compares one `tools/list` exchange
// through a fresh server + transport (as the route does) with the same handler called directly.
//
//   node bench/mcp-overhead.bench.mjs        (after npm install; a rough number, not a benchmark row)
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';

const ITERATIONS = Number(process.env.ITERATIONS ?? 5000);
const validator = new AjvJsonSchemaValidator();
const tools = Array.from({ length: 7 }, (_, i) => ({ name: `tape_tool${i}`, description: 'x', inputSchema: { type: 'object', properties: {} } }));
const body = { jsonrpc: '2.0', id: 1, method: 'tools/list' };
const headers = { accept: 'application/json, text/event-stream', 'content-type': 'application/json' };

/** What the transport reads of a request (as src/mcp/mcp-http.service.ts passes it). */
const picked = new Map(Object.entries(headers));
const request = { method: 'POST', url: 'http://syncello.invalid/v1/mcp', headers: { get: (n) => picked.get(n) ?? null, entries: () => picked.entries() } };

async function exchange() {
  const server = new Server({ name: 'syncello', version: '1.0.0' }, { capabilities: { tools: {} }, jsonSchemaValidator: validator });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  // As the route does: the response taken as the server hands it over, never given to the
  // transport (no web Response built and read back).
  let answer;
  let answered;
  const done = new Promise((resolve) => (answered = resolve));
  transport.send = async (message) => {
    answer = message;
    answered();
  };
  await Promise.race([transport.handleRequest(request, { parsedBody: body }), done]);
  // Not closed, as in the route (nothing to release; close() would abort the finished handler).
  return JSON.stringify(answer);
}

async function direct() {
  return JSON.stringify({ jsonrpc: '2.0', id: 1, result: { tools } });
}

async function measure(name, fn) {
  for (let i = 0; i < 500; i++) await fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < ITERATIONS; i++) await fn();
  const us = Number(process.hrtime.bigint() - start) / 1000 / ITERATIONS;
  console.log(`${name.padEnd(34)} ${us.toFixed(1)} µs per request`);
}

await measure('fresh SDK server + transport', exchange);
await measure('handler result only (baseline)', direct);
