/** What other features may use of `platforms/`: the clients, the tool registry, error mapping. */
export { PlatformsModule } from './platforms.module.js';
export { PlatformClientsService } from './platform-clients.service.js';
export { findTool, TOOLS, TOOL_DESCRIPTIONS, type ToolDescription } from './tool.registry.js';
export { outputSchemaOf } from './tool-outputs.js';
export type { ToolDefinition } from './tool-definition.js';
export { PLATFORM_LABEL, toClientError, UpstreamFailure } from './platform-http.js';
