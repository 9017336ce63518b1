import { Body, Controller, Delete, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiSyncelloCommonErrors, ApiSyncelloError, syncelloData } from '../common/http/api-error.decorators.js';
import { PLATFORMS } from '../common/enums.js';
import { SyncelloAuth, SessionUser, type SessionPrincipal } from '../auth/index.js';
import { ConnectionsService } from './connections.service.js';
import { PodioCredentialsDto, ShareFileCredentialsDto, TapeCredentialsDto } from './dto/platform-credentials.dto.js';

@ApiTags('syncello: accounts')
@ApiSyncelloCommonErrors()
@ApiExtraModels(TapeCredentialsDto, PodioCredentialsDto, ShareFileCredentialsDto)
@ApiParam({ name: 'platform', enum: PLATFORMS })
@ApiSyncelloError(404, 'Unknown platform "x"; expected one of: tape, podio, sharefile')
@Controller('v1/account/connections')
export class ConnectionsController {
  constructor(private readonly connections: ConnectionsService) {}

  @Put(':platform')
  @HttpCode(200)
  @SyncelloAuth({ token: 'session' })
  @ApiOperation({ summary: 'Connect a platform; the credentials are stored encrypted and never returned' })
  @ApiBody({
    schema: { oneOf: [TapeCredentialsDto, PodioCredentialsDto, ShareFileCredentialsDto].map((m) => ({ $ref: getSchemaPath(m) })) },
    description: 'tape: `{ apiKey }`; podio: `{ accessToken, refreshToken? }`; sharefile: `{ subdomain, accessToken, refreshToken? }`',
  })
  @ApiOkResponse({ schema: syncelloData({ type: 'object' }) })
  @ApiSyncelloError(400, 'apiKey: apiKey must be a string', 'Credentials do not match the platform')
  connect(@SessionUser() principal: SessionPrincipal, @Param('platform') platform: string, @Body() body: unknown) {
    return this.connections.connect(principal.userId, platform, body);
  }

  @Delete(':platform')
  @SyncelloAuth({ token: 'session' })
  @ApiOperation({ summary: 'Disconnect a platform and forget its credentials' })
  @ApiOkResponse({ schema: syncelloData({ type: 'object' }) })
  disconnect(@SessionUser() principal: SessionPrincipal, @Param('platform') platform: string) {
    return this.connections.disconnect(principal.userId, platform);
  }
}
