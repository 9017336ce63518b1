import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, MaxLength } from 'class-validator';
import { normalizeEmail } from '../../common/validation/transforms.js';
import { MEMBER_STATUSES, SYNQ_ROLES, type SynqRole } from '../../common/enums.js';

const roleMessage = { message: `must be one of: ${SYNQ_ROLES.join(', ')}` };

export class InviteMemberDto {
  @ApiProperty({ example: 'colleague@example.org' })
  @Transform(normalizeEmail)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ enum: SYNQ_ROLES, example: 'EDITOR' })
  @IsIn(SYNQ_ROLES, roleMessage)
  role!: SynqRole;
}

export class ChangeMemberRoleDto {
  @ApiProperty({ enum: SYNQ_ROLES, example: 'VIEWER' })
  @IsIn(SYNQ_ROLES, roleMessage)
  role!: SynqRole;
}

/** A member as the API returns it (documentation only). */
export class MemberRecord {
  @ApiProperty({ format: 'uuid' }) uid!: string;
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty({ enum: SYNQ_ROLES }) role!: string;
  @ApiProperty({ enum: MEMBER_STATUSES, description: 'INVITED until the invitation is accepted' }) status!: string;
}

export class InvitedMemberDto {
  @ApiProperty({ enum: ['User successfully invited.'] }) message!: string;
  @ApiProperty({ format: 'uuid' }) uid!: string;
  @ApiProperty({ description: 'One-time; the invited member sends it to POST /api/v1/auth/accept-invite' }) inviteToken!: string;
}
