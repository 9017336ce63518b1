import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiSyncelloCommonErrors, syncelloData } from '../common/http/api-error.decorators.js';
import { SyncelloAuth, SessionUser, type SessionPrincipal } from '../auth/index.js';
import { AccountsService } from './accounts.service.js';

const apiKeySchema = syncelloData({ type: 'object', properties: { apiKey: { type: 'string' } } });

@ApiTags('syncello: accounts')
@ApiSyncelloCommonErrors()
@Controller('v1/account')
export class AccountController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @SyncelloAuth({ token: 'session' })
  @ApiOperation({ summary: 'The signed-in user, when the key was created, connected platforms' })
  @ApiOkResponse({ schema: syncelloData({ type: 'object' }) })
  account(@SessionUser() principal: SessionPrincipal) {
    return this.accounts.account(principal.userId);
  }

  @Get('api-key')
  @SyncelloAuth({ token: 'session' })
  @ApiOperation({ summary: 'Copy your API key: a fresh token signed with the current secret' })
  @ApiOkResponse({ schema: apiKeySchema })
  apiKey(@SessionUser() principal: SessionPrincipal) {
    return this.accounts.currentApiKey(principal.userId);
  }

  @Post('api-key/regenerate')
  @HttpCode(200)
  @SyncelloAuth({ token: 'session' })
  @ApiOperation({ summary: 'New secret key: every earlier API key is refused from now on' })
  @ApiOkResponse({ schema: apiKeySchema })
  regenerate(@SessionUser() principal: SessionPrincipal) {
    return this.accounts.regenerateApiKey(principal.userId);
  }

  @Get('usage')
  @SyncelloAuth({ token: 'session' })
  @ApiOperation({ summary: 'Tool calls per day, platform and tool, and the last-used time' })
  @ApiOkResponse({ schema: syncelloData({ type: 'object' }) })
  usage(@SessionUser() principal: SessionPrincipal) {
    return this.accounts.usage(principal.userId);
  }
}
