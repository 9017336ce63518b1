import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/index.js';
import { OrganizationController } from './organization.controller.js';
import { OrganizationService } from './organization.service.js';

/** Synq organization members, `/api/v1/organization/members`: list, invite, change role, remove. */
@Module({ imports: [AuthModule], controllers: [OrganizationController], providers: [OrganizationService] })
export class OrganizationModule {}
