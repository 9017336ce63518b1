/** What other features may use of `tools/`: the module and the one execution path (REST and MCP). */
export { ToolsModule } from './tools.module.js';
export { ToolsService, type ToolRun } from './tools.service.js';
