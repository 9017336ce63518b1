import { Body, Controller, Get, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ValidationException } from '../common/errors/api.exception.js';
import { ApiSyncelloCommonErrors, ApiSyncelloError, syncelloData } from '../common/http/api-error.decorators.js';
import { SyncelloAuth } from '../auth/index.js';
import { AdminService } from './admin.service.js';
import { ChangeRoleDto } from './dto/change-role.dto.js';

const uuidPipe = new ParseUUIDPipe({ exceptionFactory: () => new ValidationException('id must be a uuid', [{ field: 'id', message: 'must be a uuid' }]) });

@ApiTags('syncello: admin')
@ApiSyncelloCommonErrors()
@Controller('v1/admin/users')
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  @Get()
  @SyncelloAuth({ token: 'session', roles: ['admin'] })
  @ApiOperation({ summary: 'Every user, oldest first' })
  @ApiOkResponse({ schema: syncelloData({ type: 'object' }) })
  list() {
    return this.admin.listUsers();
  }

  @Patch(':id')
  @SyncelloAuth({ token: 'session', roles: ['admin'] })
  @ApiOperation({ summary: "Change a user's role (takes effect at the user's next request)" })
  @ApiOkResponse({ schema: syncelloData({ type: 'object' }) })
  @ApiSyncelloError(400, 'role: must be one of: admin, member, viewer')
  @ApiSyncelloError(404, 'User not found')
  @ApiSyncelloError(409, 'The last admin cannot be demoted')
  changeRole(@Param('id', uuidPipe) id: string, @Body() body: ChangeRoleDto) {
    return this.admin.changeRole(id, body.role);
  }
}
