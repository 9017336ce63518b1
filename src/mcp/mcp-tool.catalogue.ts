import type { Tool, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { PLATFORM_LABEL, TOOL_DESCRIPTIONS, TOOLS, type ToolDefinition } from '../platforms/index.js';

/**
 * What a write tool does to the platform, for the MCP annotations. `destructiveHint`: it may
 * overwrite or remove what exists (false: it only adds). `idempotentHint`: calling it again
 * with the same input changes nothing more. Every write tool must have an entry (checked when
 * this module loads), so a new write tool cannot ship with a guessed answer.
 */
const WRITE_HINTS: Readonly<Record<string, Required<Pick<ToolAnnotations, 'destructiveHint' | 'idempotentHint'>>>> = {
  // A second call creates a second record.
  'tape/createRecord': { destructiveHint: false, idempotentHint: false },
  // Overwrites the named fields; the same fields again leave the record as it was.
  'tape/updateRecord': { destructiveHint: true, idempotentHint: true },
  // A second call creates a second item.
  'podio/createItem': { destructiveHint: false, idempotentHint: false },
  // Adds a folder; a second call with the same name is refused by ShareFile (a different answer).
  'sharefile/createFolder': { destructiveHint: false, idempotentHint: false },
};

/** One MCP tool: its `tools/list` entry and the registry tool it runs. */
export interface McpToolEntry {
  tool: ToolDefinition;
  listing: Tool;
}

/** `tape_listApps` (MCP tool names allow letters, digits, `_`, `-` and `.`; no `/`). */
export function mcpToolName(tool: Pick<ToolDefinition, 'platform' | 'name'>): string {
  return `${tool.platform}_${tool.name}`;
}

/** `listApps` → `List apps`. */
function words(name: string): string {
  const spaced = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function annotationsOf(tool: ToolDefinition, title: string): ToolAnnotations {
  // Every tool calls a platform outside this service: an open world.
  if (!tool.writes) return { title, readOnlyHint: true, openWorldHint: true };
  const hints = WRITE_HINTS[`${tool.platform}/${tool.name}`];
  if (!hints) throw new Error(`MCP: write tool ${tool.platform}/${tool.name} has no destructive/idempotent hints in WRITE_HINTS`);
  return { title, readOnlyHint: false, ...hints, openWorldHint: true };
}

function entryOf(tool: ToolDefinition, inputSchema: Record<string, unknown>): McpToolEntry {
  const title = `${PLATFORM_LABEL[tool.platform]}: ${words(tool.name)}`;
  return {
    tool,
    listing: {
      name: mcpToolName(tool),
      title,
      description: tool.description,
      // The very schema `GET /v1/tools` publishes (same object).
      inputSchema: inputSchema as Tool['inputSchema'],
      annotations: annotationsOf(tool, title),
    },
  };
}

/** Built once when the module loads: `tools/list` only filters it per caller. */
const ENTRIES: readonly McpToolEntry[] = TOOLS.map((tool, index) => entryOf(tool, TOOL_DESCRIPTIONS[index]!.inputSchema));
const BY_NAME = new Map(ENTRIES.map((entry) => [entry.listing.name, entry]));
const BY_TOOL = new Map(ENTRIES.map((entry) => [entry.tool, entry]));

export const McpToolCatalogue = {
  all: ENTRIES,
  byName(name: string): McpToolEntry | undefined {
    return BY_NAME.get(name);
  },
  /** The `tools/list` entries of registry tools, in registry order. */
  listings(tools: readonly ToolDefinition[]): Tool[] {
    return tools.map((tool) => BY_TOOL.get(tool)!.listing);
  },
} as const;
