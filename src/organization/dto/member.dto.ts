import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, MaxLength } from 'class-validator';
import { normalizeEmail } from '../../common/validation/transforms.js';
import { SYNQ_ROLES, type SynqRole } from '../../common/enums.js';

const roleMessage = { message: `must be one of: ${SYNQ_ROLES.join(', ')}` };

export class InviteMemberDto {
  @ApiProperty({ example: 'grace@example.com' })
  @Transform(normalizeEmail)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ enum: SYNQ_ROLES })
  @IsIn(SYNQ_ROLES, roleMessage)
  role!: SynqRole;
}

export class ChangeMemberRoleDto {
  @ApiProperty({ enum: SYNQ_ROLES })
  @IsIn(SYNQ_ROLES, roleMessage)
  role!: SynqRole;
}
