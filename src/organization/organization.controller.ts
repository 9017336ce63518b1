import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiSynqCommonErrors, ApiSynqError } from '../common/http/api-error.decorators.js';
import { SynqAuth, SynqUser, type SynqPrincipal } from '../auth/index.js';
import { ChangeMemberRoleDto, InviteMemberDto } from './dto/member.dto.js';
import { OrganizationService } from './organization.service.js';

const memberSchema = { type: 'object', properties: { uid: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' }, status: { type: 'string' } } };

@ApiTags('synq: organization')
@ApiSynqCommonErrors({ body: true })
@Controller('api/v1/organization/members')
export class OrganizationController {
  constructor(private readonly organization: OrganizationService) {}

  @Get()
  @SynqAuth()
  @ApiOperation({ summary: 'Members of your organization' })
  @ApiOkResponse({ schema: { type: 'array', items: memberSchema } })
  list(@SynqUser() principal: SynqPrincipal) {
    return this.organization.members(principal);
  }

  @Post()
  @SynqAuth({ roles: ['ADMIN'] })
  @ApiOperation({ summary: 'Invite a member; they accept with the one-time `inviteToken`' })
  @ApiCreatedResponse({ schema: { example: { message: 'User successfully invited.', uid: '…', inviteToken: '…' } } })
  @ApiSynqError(409, 'An account with this email already exists')
  invite(@SynqUser() principal: SynqPrincipal, @Body() body: InviteMemberDto) {
    return this.organization.invite(principal, body.email, body.role);
  }

  @Patch(':uid')
  @SynqAuth({ roles: ['ADMIN'] })
  @ApiOperation({ summary: "Change a member's role (their next ID token carries it)" })
  @ApiOkResponse({ schema: memberSchema })
  @ApiSynqError(404, 'Member not found')
  @ApiSynqError(409, 'An organization needs at least one ADMIN')
  changeRole(@SynqUser() principal: SynqPrincipal, @Param('uid') uid: string, @Body() body: ChangeMemberRoleDto) {
    return this.organization.changeRole(principal, uid, body.role);
  }

  @Delete(':uid')
  @HttpCode(204)
  @SynqAuth({ roles: ['ADMIN'] })
  @ApiOperation({ summary: 'Remove a member' })
  @ApiNoContentResponse()
  @ApiSynqError(404, 'Member not found')
  @ApiSynqError(409, 'An organization needs at least one ADMIN')
  async remove(@SynqUser() principal: SynqPrincipal, @Param('uid') uid: string): Promise<void> {
    await this.organization.remove(principal, uid);
  }
}
