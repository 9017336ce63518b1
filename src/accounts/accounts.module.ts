import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/index.js';
import { AccountController } from './account.controller.js';
import { AccountsService } from './accounts.service.js';
import { AdminController } from './admin.controller.js';
import { AdminService } from './admin.service.js';
import { LoginController } from './login.controller.js';

/** Syncello accounts (`/v1`): register and login (`/v1/auth`), the account and its API key, admin. */
@Module({
  imports: [AuthModule],
  controllers: [LoginController, AccountController, AdminController],
  providers: [AccountsService, AdminService],
})
export class AccountsModule {}
