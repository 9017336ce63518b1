import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, SynqAuth, SynqUser, type SynqPrincipal } from '../auth/index.js';
import { Messages } from '../common/errors/api.exception.js';
import { ApiSynqCommonErrors, ApiSynqError } from '../common/http/api-error.decorators.js';
import { AcceptInviteDto, LoginDto, RefreshTokenDto, SignupDto } from './dto/session.dto.js';
import { SessionsService } from './sessions.service.js';
import { LimitAuthRoute, LimitSignInFailures } from '../common/rate-limit/rate-limit.decorators.js';
import { Surface } from '../common/http/surface.js';

const pairSchema = {
  type: 'object',
  properties: {
    idToken: { type: 'string', description: 'RS256 ID token; send as `Authorization: Bearer <idToken>`' },
    refreshToken: { type: 'string' },
    expiresIn: { type: 'integer', example: 3600 },
    tokenType: { type: 'string', example: 'Bearer' },
  },
};

@ApiTags('synq: sign-in')
@ApiSynqCommonErrors({ body: true })
@Controller('api/v1/auth')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Post('signup')
  @Public()
  @LimitAuthRoute(Surface.Synq)
  @ApiOperation({ summary: 'Create a tenant and an organization; you are its ADMIN' })
  @ApiCreatedResponse({
    schema: { ...pairSchema, properties: { uid: { type: 'string' }, tenantId: { type: 'string' }, orgId: { type: 'string' }, ...pairSchema.properties } },
  })
  @ApiSynqError(409, 'An account with this email already exists')
  signup(@Body() body: SignupDto) {
    return this.sessions.signup(body.email, body.password, body.organizationName);
  }

  @Post('login')
  @Public()
  @LimitAuthRoute(Surface.Synq)
  @LimitSignInFailures()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in: an ID token (1 hour) and a refresh token' })
  @ApiOkResponse({ schema: pairSchema })
  @ApiSynqError(401, Messages.invalidCredentials)
  login(@Body() body: LoginDto) {
    return this.sessions.login(body.email, body.password);
  }

  @Post('refresh')
  @Public()
  @LimitAuthRoute(Surface.Synq)
  @HttpCode(200)
  @ApiOperation({ summary: 'A new pair; the refresh token is spent, and reusing a spent one revokes its family' })
  @ApiOkResponse({ schema: pairSchema })
  @ApiSynqError(401, 'Invalid refresh token')
  refresh(@Body() body: RefreshTokenDto) {
    return this.sessions.refresh(body.refreshToken);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: "Revoke the refresh token's family" })
  @ApiNoContentResponse()
  async logout(@Body() body: RefreshTokenDto): Promise<void> {
    await this.sessions.logout(body.refreshToken);
  }

  @Post('logout-all')
  @SynqAuth()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out everywhere: every refresh token and every ID token issued to you so far (this one too) stop working' })
  @ApiNoContentResponse()
  async logoutAll(@SynqUser() principal: SynqPrincipal): Promise<void> {
    await this.sessions.logoutAll(principal);
  }

  @Post('accept-invite')
  @Public()
  @LimitAuthRoute(Surface.Synq)
  @HttpCode(200)
  @ApiOperation({ summary: 'Set a password for an invitation and sign in' })
  @ApiOkResponse({ schema: pairSchema })
  @ApiSynqError(400, 'Invalid or expired invite token')
  acceptInvite(@Body() body: AcceptInviteDto) {
    return this.sessions.acceptInvite(body.inviteToken, body.password);
  }
}
