import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/index.js';
import { HealthService } from './health.service.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ description: 'The process is up', schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @ApiOkResponse({ description: 'The database answers', schema: { example: { status: 'ok', database: 'pglite' } } })
  @ApiServiceUnavailableResponse({ schema: { example: { error: 'Service Unavailable: database unreachable' } } })
  ready(): Promise<{ status: 'ok'; database: string }> {
    return this.health.ready();
  }
}
