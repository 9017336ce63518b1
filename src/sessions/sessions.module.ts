import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/index.js';
import { RefreshTokensService } from './refresh-tokens.service.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsService } from './sessions.service.js';

/** Synq sign-in, `/api/v1/auth/*`: signup, login, refresh, logout, accept an invite. */
@Module({ imports: [AuthModule], controllers: [SessionsController], providers: [SessionsService, RefreshTokensService] })
export class SessionsModule {}
