import { Injectable, Logger } from '@nestjs/common';
import { ApiException, ForbiddenException, NotFoundException } from '../common/errors/api.exception.js';
import { RateLimitService } from '../common/rate-limit/rate-limit.service.js';
import { validateBody } from '../common/validation/validation.js';
import { PreSerializedJson } from '../common/http/surface-fastify.adapter.js';
import { PLATFORMS, isPlatform, type SyncelloRole } from '../common/enums.js';
import type { SyncelloPrincipal } from '../auth/index.js';
import { ConnectionsService } from '../connections/index.js';
import {
  PLATFORM_LABEL,
  toClientError,
  UpstreamFailure,
  PlatformClientsService,
  findTool,
  TOOL_DESCRIPTIONS,
  TOOLS,
  type ToolDefinition,
} from '../platforms/index.js';
import { ToolQueryDto } from './dto/tool-query.dto.js';
import { UsageService } from './usage.service.js';

/** A viewer runs read tools only; member and admin run every tool. */
export function roleAllows(role: SyncelloRole, tool: ToolDefinition): boolean {
  return !tool.writes || role !== 'viewer';
}

/** One execution's result, in both of its renderings (REST picks one with `?format`, MCP sends both). */
export interface ToolRun {
  /** The human-readable summary for AI clients (REST's default `data`). */
  text: string;
  /** The structured data (REST's `?format=json` `data`). */
  structured: unknown;
}

@Injectable()
export class ToolsService {
  private readonly logger = new Logger(ToolsService.name);

  constructor(
    private readonly connections: ConnectionsService,
    private readonly clients: PlatformClientsService,
    private readonly usage: UsageService,
    private readonly limits: RateLimitService,
  ) {}

  /** The catalogue never changes while the process runs: serialized once, with its envelope. */
  private readonly catalogue = PreSerializedJson.syncelloData({ tools: TOOL_DESCRIPTIONS });

  list(): PreSerializedJson {
    return this.catalogue;
  }

  /** The tools this caller can run right now: its role allows them and their platform is connected. */
  async runnable(principal: SyncelloPrincipal): Promise<ToolDefinition[]> {
    const connected = new Set(await this.connections.connectedPlatforms(principal.userId));
    return TOOLS.filter((tool) => connected.has(tool.platform) && roleAllows(principal.role, tool));
  }

  /** `POST /v1/tools/{platform}/{tool}`: the shared execution, rendered as `?format` and `?base64` ask. */
  async execute(principal: SyncelloPrincipal, platform: string, name: string, rawQuery: unknown, rawBody: unknown): Promise<unknown> {
    let query: ToolQueryDto | undefined;
    const run = await this.run(principal, platform, name, rawBody, async () => {
      query = await validateBody(ToolQueryDto, rawQuery ?? {});
    });
    const data = query?.format === 'json' ? run.structured : run.text;
    if (query?.base64 === 'true') {
      return Buffer.from(typeof data === 'string' ? data : JSON.stringify(data), 'utf8').toString('base64');
    }
    return data;
  }

  /**
   * The one path every tool execution takes, over REST and over MCP alike. The contract's
   * order: (401 done by the guard) → 429 → 404 → 403 role → 403 connection → 400 → run. Every
   * caller (REST, MCP) comes through here, so they share the user's per-minute budget; every run,
   * successful or failed, counts in the user's usage. `validateOptions` checks the caller's
   * own options (REST's query string) at the point where the input is validated.
   */
  async run(
    principal: SyncelloPrincipal,
    platform: string,
    name: string,
    rawInput: unknown,
    validateOptions?: () => Promise<void>,
  ): Promise<ToolRun> {
    await this.limits.consumeTool(principal.userId);
    if (!isPlatform(platform)) throw new NotFoundException(`Unknown platform "${platform.slice(0, 40)}"; expected one of: ${PLATFORMS.join(', ')}`);
    const tool = findTool(platform, name);
    if (!tool) throw new NotFoundException(`Unknown tool "${platform}/${name.slice(0, 60)}"; GET /v1/tools lists them`);
    if (!roleAllows(principal.role, tool)) throw new ForbiddenException();
    const credentials = await this.connections.credentials(principal.userId, tool.platform);
    if (!credentials) throw new ForbiddenException();

    await validateOptions?.();
    const input = await validateBody(tool.input, rawInput ?? {});

    let result: ToolRun;
    try {
      const output = await tool.run(this.clients.create(tool.platform, principal.userId, credentials), input);
      // Rendered here, so an answer the text cannot be made of is the same 502 as one the tool cannot map.
      result = { text: tool.text(output, input), structured: output };
    } catch (error) {
      await this.usage.record(principal.userId, tool.platform, tool.name, true);
      if (error instanceof UpstreamFailure) throw toClientError(error, this.clients.timeoutMs);
      if (error instanceof ApiException) throw error;
      // The platform answered 2xx in a shape the tool cannot read (a TypeError in its mapping or text).
      this.logger.warn({ err: error, tool: `${tool.platform}/${tool.name}` }, 'unreadable platform response');
      throw toClientError(new UpstreamFailure(PLATFORM_LABEL[tool.platform], 'unreadable'), this.clients.timeoutMs);
    }
    await this.usage.record(principal.userId, tool.platform, tool.name, false);
    return result;
  }
}
