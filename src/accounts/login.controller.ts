import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/index.js';
import { Messages } from '../common/errors/api.exception.js';
import { ApiSyncelloCommonErrors, ApiSyncelloData, ApiSyncelloError } from '../common/http/api-error.decorators.js';
import { DashboardSessionDto, RegisteredDto } from './dto/account-responses.dto.js';
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
  @ApiSyncelloData(201, RegisteredDto)
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
  @ApiSyncelloData(200, DashboardSessionDto)
  @ApiSyncelloError(401, Messages.invalidCredentials)
  login(@Body() body: LoginDto) {
    return this.accounts.login(body.email, body.password);
  }
}
