import { targetConstructorToSchema } from 'class-validator-jsonschema';
import type { Platform } from '../common/enums.js';
import { PODIO_TOOLS } from './podio/tools/index.js';
import { SHAREFILE_TOOLS } from './sharefile/tools/index.js';
import { TAPE_TOOLS } from './tape/tools/index.js';
import type { ToolDefinition } from './tool-definition.js';

/** Every tool of every platform. Adding a tool: write its file, list it in its platform's index. */
export const TOOLS: readonly ToolDefinition[] = [...TAPE_TOOLS, ...PODIO_TOOLS, ...SHAREFILE_TOOLS] as unknown as ToolDefinition[];

export interface ToolDescription {
  platform: Platform;
  name: string;
  description: string;
  writes: boolean;
  inputSchema: Record<string, unknown>;
}

const byKey = new Map(TOOLS.map((tool) => [`${tool.platform}/${tool.name}`, tool]));

export function findTool(platform: string, name: string): ToolDefinition | undefined {
  return byKey.get(`${platform}/${name}`);
}

/** The JSON schema of a tool's input, from its DTO's class-validator rules. */
export function inputSchemaOf(tool: ToolDefinition): Record<string, unknown> {
  const schema = targetConstructorToSchema(tool.input) as Record<string, unknown>;
  return { type: 'object', properties: {}, ...schema, additionalProperties: false };
}

export const TOOL_DESCRIPTIONS: readonly ToolDescription[] = TOOLS.map((tool) => ({
  platform: tool.platform,
  name: tool.name,
  description: tool.description,
  writes: tool.writes,
  inputSchema: inputSchemaOf(tool),
}));
