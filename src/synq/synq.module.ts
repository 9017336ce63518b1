import { Module } from '@nestjs/common';
import { SynqAuthModule } from '../auth/synq-auth.module.js';
import { OrganizationController } from '../organization/organization.controller.js';
import { OrganizationService } from '../organization/organization.service.js';
import { ProductsController } from '../products/products.controller.js';
import { ProductsService } from '../products/products.service.js';
import { RefreshTokensService } from '../sessions/refresh-tokens.service.js';
import { SessionsController } from '../sessions/sessions.controller.js';
import { SessionsService } from '../sessions/sessions.service.js';

/** The Synq API, `/api/v1`, and its discovery documents. */
@Module({
  imports: [SynqAuthModule],
  controllers: [SessionsController, ProductsController, OrganizationController],
  providers: [SessionsService, RefreshTokensService, ProductsService, OrganizationService],
})
export class SynqModule {}
