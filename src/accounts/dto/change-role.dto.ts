import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { SYNCELLO_ROLES, type SyncelloRole } from '../../common/enums.js';

/** `PATCH /v1/admin/users/:id`. */
export class ChangeRoleDto {
  @ApiProperty({ enum: SYNCELLO_ROLES })
  @IsIn(SYNCELLO_ROLES, { message: `must be one of: ${SYNCELLO_ROLES.join(', ')}` })
  role!: SyncelloRole;
}
