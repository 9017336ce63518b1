import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { BodyBoundsProfile } from '../common/http/body-bounds.js';
import { ApiSyncelloCommonErrors, ApiSyncelloError, syncelloData } from '../common/http/api-error.decorators.js';
import { PLATFORMS } from '../common/enums.js';
import { SyncelloAuth, ApiKeyUser, type ApiKeyPrincipal } from '../auth/index.js';
import { TOOL_DESCRIPTIONS } from '../platforms/index.js';
import { ToolsService } from './tools.service.js';

const TOOL_INPUTS = TOOL_DESCRIPTIONS.map((t) => ({ title: `${t.platform}/${t.name}`, ...t.inputSchema }));

@ApiTags('syncello: tools')
@ApiSyncelloCommonErrors()
@Controller('v1/tools')
export class ToolsController {
  constructor(private readonly tools: ToolsService) {}

  @Get()
  @SyncelloAuth({ token: 'api-key' })
  @ApiOperation({ summary: 'Every tool: platform, name, whether it writes, and its input JSON schema' })
  @ApiOkResponse({ schema: syncelloData({ type: 'object', properties: { tools: { type: 'array', items: { type: 'object' } } } }) })
  list() {
    return this.tools.list();
  }

  @Post(':platform/:tool')
  @HttpCode(200)
  @BodyBoundsProfile('tool')
  @SyncelloAuth({ token: 'api-key', forbidden: 'A viewer running a write tool, or the platform is not connected' })
  @ApiOperation({
    summary: 'Run a tool against a connected platform',
    description: `Tools:\n${TOOL_DESCRIPTIONS.map((t) => `- \`${t.platform}/${t.name}\`${t.writes ? ' (writes)' : ''}: ${t.description}`).join('\n')}`,
  })
  @ApiParam({ name: 'platform', enum: PLATFORMS })
  @ApiParam({ name: 'tool', example: 'listApps' })
  @ApiQuery({ name: 'format', required: false, enum: ['text', 'json'] })
  @ApiQuery({ name: 'base64', required: false, enum: ['true', 'false'] })
  @ApiBody({ required: false, description: "The tool's input; see GET /v1/tools", schema: { oneOf: TOOL_INPUTS } })
  @ApiOkResponse({
    schema: syncelloData({ oneOf: [{ type: 'string', description: 'text summary, or base64' }, { type: 'object', description: '?format=json' }] }),
  })
  @ApiSyncelloError(400, 'workspace_id: workspace_id must be a positive number', 'Invalid input, or the platform rejected it')
  @ApiSyncelloError(404, 'Unknown tool "tape/nope"; GET /v1/tools lists them', 'Unknown platform or tool, or the platform has no such resource')
  @ApiSyncelloError(429, 'Too many tool executions; try again later', 'Over your tool executions per minute, or the platform is rate limiting (Retry-After)')
  @ApiSyncelloError(502, 'Tape rejected the stored credentials; reconnect Tape', 'The platform failed')
  @ApiSyncelloError(504, 'Tape did not answer within 15000 ms', 'The platform timed out')
  run(
    @ApiKeyUser() principal: ApiKeyPrincipal,
    @Param('platform') platform: string,
    @Param('tool') tool: string,
    @Query() query: unknown,
    @Body() body: unknown,
  ) {
    return this.tools.execute(principal, platform, tool, query, body);
  }
}
