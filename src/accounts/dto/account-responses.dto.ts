import { ApiProperty } from '@nestjs/swagger';
import { PLATFORMS, SYNCELLO_ROLES } from '../../common/enums.js';

/** What `/v1/auth` and `/v1/account` answer inside `data` (documentation only). */
export class NewUserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty({ enum: SYNCELLO_ROLES }) role!: string;
}

export class RegisteredDto {
  @ApiProperty({ type: NewUserDto }) user!: NewUserDto;
  @ApiProperty({ description: 'HS256 JWT; send as `Authorization: Bearer <apiKey>`' }) apiKey!: string;
}

export class DashboardSessionDto {
  @ApiProperty({ description: 'Dashboard session (HS256 JWT, 15 minutes); not an API key' }) sessionToken!: string;
  @ApiProperty({ type: 'integer', example: 900 }) expiresIn!: number;
}

export class ApiKeyDto {
  @ApiProperty({ description: 'HS256 JWT signed with your current secret key' }) apiKey!: string;
}

export class UserRecordDto extends NewUserDto {
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class KeyStateDto {
  @ApiProperty({ format: 'date-time', description: 'When the current secret key was made' }) createdAt!: string;
}

export class ConnectionStateDto {
  @ApiProperty({ enum: PLATFORMS }) platform!: string;
  @ApiProperty({ format: 'date-time' }) connectedAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class AccountDto {
  @ApiProperty({ type: UserRecordDto }) user!: UserRecordDto;
  @ApiProperty({ type: KeyStateDto }) apiKey!: KeyStateDto;
  @ApiProperty({ type: [ConnectionStateDto] }) connections!: ConnectionStateDto[];
}

export class UsageRowDto {
  @ApiProperty({ format: 'date', example: '2026-01-31' }) day!: string;
  @ApiProperty({ enum: PLATFORMS }) platform!: string;
  @ApiProperty({ example: 'listApps' }) tool!: string;
  @ApiProperty({ type: 'integer' }) calls!: number;
  @ApiProperty({ type: 'integer', description: 'Calls that failed' }) errors!: number;
  @ApiProperty({ format: 'date-time' }) lastUsedAt!: string;
}

export class UsageDto {
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null before the first tool call' }) lastUsedAt!: string | null;
  @ApiProperty({ type: [UsageRowDto], description: 'Newest day first, then platform and tool' }) usage!: UsageRowDto[];
}

export class UsersDto {
  @ApiProperty({ type: [UserRecordDto] }) users!: UserRecordDto[];
}

export class ChangedUserDto {
  @ApiProperty({ type: UserRecordDto }) user!: UserRecordDto;
}
