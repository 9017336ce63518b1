import { Module } from '@nestjs/common';
import { SyncelloAuthModule } from '../auth/syncello-auth.module.js';
import { AccountController } from './account.controller.js';
import { AccountsService } from './accounts.service.js';
import { AdminController } from './admin.controller.js';
import { AdminService } from './admin.service.js';
import { AuthController } from './login.controller.js';

@Module({
  imports: [SyncelloAuthModule],
  controllers: [AuthController, AccountController, AdminController],
  providers: [AccountsService, AdminService],
})
export class AccountsModule {}
