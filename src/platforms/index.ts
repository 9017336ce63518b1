/** What other features may use of `platforms/`: the clients, the tool registry, error mapping. */
export { PlatformsModule } from './platforms.module.js';
export { PlatformClientsService } from './platform-clients.service.js';
export { findTool, TOOL_DESCRIPTIONS, TOOLS, type ToolDescription } from './tool.registry.js';
export type { ToolDefinition } from './tool-definition.js';
export { PLATFORM_LABEL, toClientError, UpstreamFailure } from './platform-http.js';
