/** What other folders may use of `mcp/`: the module (`POST /v1/mcp`). */
export { McpModule } from './mcp.module.js';
