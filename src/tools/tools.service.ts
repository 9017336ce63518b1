import { Injectable, Logger } from '@nestjs/common';
import { ApiException, ForbiddenException, NotFoundException } from '../common/errors/api.exception.js';
import { RateLimitService } from '../common/rate-limit/rate-limit.service.js';
import { validateBody } from '../common/validation/validation.js';
import { PreSerializedJson } from '../common/http/surface-fastify.adapter.js';
import { PLATFORMS, isPlatform } from '../common/enums.js';
import type { SyncelloPrincipal } from '../auth/index.js';
import { ConnectionsService } from '../connections/index.js';
import { PLATFORM_LABEL, toClientError, UpstreamFailure, PlatformClientsService, findTool, TOOL_DESCRIPTIONS } from '../platforms/index.js';
import { ToolQueryDto } from './dto/tool-query.dto.js';
import { UsageService } from './usage.service.js';

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

  /**
   * The contract's order: (401 done by the guard) → 429 → 404 → 403 role → 403 connection → 400 → run.
   * Every caller (REST, MCP) comes through here, so they share the user's per-minute budget.
   */
  async execute(principal: SyncelloPrincipal, platform: string, name: string, rawQuery: unknown, rawBody: unknown): Promise<unknown> {
    await this.limits.consumeTool(principal.userId);
    if (!isPlatform(platform)) throw new NotFoundException(`Unknown platform "${platform.slice(0, 40)}"; expected one of: ${PLATFORMS.join(', ')}`);
    const tool = findTool(platform, name);
    if (!tool) throw new NotFoundException(`Unknown tool "${platform}/${name.slice(0, 60)}"; GET /v1/tools lists them`);
    if (tool.writes && principal.role === 'viewer') throw new ForbiddenException();
    const credentials = await this.connections.credentials(principal.userId, tool.platform);
    if (!credentials) throw new ForbiddenException();

    const query = await validateBody(ToolQueryDto, rawQuery ?? {});
    const input = await validateBody(tool.input, rawBody ?? {});

    let output: unknown;
    try {
      output = await tool.run(this.clients.create(tool.platform, principal.userId, credentials), input);
    } catch (error) {
      await this.usage.record(principal.userId, tool.platform, tool.name, true);
      if (error instanceof UpstreamFailure) throw toClientError(error, this.clients.timeoutMs);
      if (error instanceof ApiException) throw error;
      // The platform answered 2xx in a shape the tool cannot read (a TypeError in its mapping).
      this.logger.warn({ err: error, tool: `${tool.platform}/${tool.name}` }, 'unreadable platform response');
      throw toClientError(new UpstreamFailure(PLATFORM_LABEL[tool.platform], 'unreadable'), this.clients.timeoutMs);
    }
    await this.usage.record(principal.userId, tool.platform, tool.name, false);

    const data = query.format === 'json' ? output : tool.text(output, input);
    if (query.base64 === 'true') {
      return Buffer.from(typeof data === 'string' ? data : JSON.stringify(data), 'utf8').toString('base64');
    }
    return data;
  }
}
