import { Module } from '@nestjs/common';
import { SyncelloAuthModule } from '../auth/auth.module.js';
import { AccountController } from './account.controller.js';
import { AccountsService } from './accounts.service.js';
import { AdminController } from './admin.controller.js';
import { AdminService } from './admin.service.js';
import { AuthController } from './auth.controller.js';

@Module({
  imports: [SyncelloAuthModule],
  controllers: [AuthController, AccountController, AdminController],
  providers: [AccountsService, AdminService],
})
export class AccountsModule {}
