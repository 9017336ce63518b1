import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/index.js';
import { Messages } from '../common/errors/api.exception.js';
import { ApiSyncelloCommonErrors, ApiSyncelloError, syncelloData } from '../common/http/api-error.decorators.js';
import { AccountsService } from './accounts.service.js';
import { LoginDto, NewAccountDto } from '../common/validation/credentials.dto.js';
import { LimitAuthRoute, LimitSignInFailures } from '../common/rate-limit/rate-limit.decorators.js';
import { Surface } from '../common/http/surface.js';

@ApiTags('syncello: accounts')
@ApiSyncelloCommonErrors({ body: true })
@Controller('v1/auth')
export class LoginController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('register')
  @Public()
  @LimitAuthRoute(Surface.Syncello)
  @ApiOperation({ summary: 'Create an account (role member) and get its API key' })
  @ApiCreatedResponse({
    schema: syncelloData({
      type: 'object',
      properties: {
        user: { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, email: { type: 'string' }, role: { type: 'string' } } },
        apiKey: { type: 'string', description: 'HS256 JWT; send as `Authorization: Bearer <apiKey>`' },
      },
    }),
  })
  @ApiSyncelloError(409, 'An account with this email already exists')
  register(@Body() body: NewAccountDto) {
    return this.accounts.register(body.email, body.password);
  }

  @Post('login')
  @Public()
  @LimitAuthRoute(Surface.Syncello)
  @LimitSignInFailures()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in to the dashboard: a 15-minute session token (not an API key)' })
  @ApiOkResponse({
    schema: syncelloData({ type: 'object', properties: { sessionToken: { type: 'string' }, expiresIn: { type: 'integer', example: 900 } } }),
  })
  @ApiSyncelloError(401, Messages.invalidCredentials)
  login(@Body() body: LoginDto) {
    return this.accounts.login(body.email, body.password);
  }
}
