import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';
import { NewAccountDto } from '../../common/validation/credentials.dto.js';

export { LoginDto } from '../../common/validation/credentials.dto.js';

/** A new account, and the organization (and tenant) it creates. */
export class SignupDto extends NewAccountDto {
  @ApiProperty({ example: 'Acme Inc.' })
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(200)
  organizationName!: string;
}

export class RefreshTokenDto {
  @ApiProperty({ description: 'The refresh token of the last sign-in or refresh' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  refreshToken!: string;
}

export class AcceptInviteDto {
  @ApiProperty({ description: 'The one-time token from the invitation' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  inviteToken!: string;

  @ApiProperty({ minLength: 12 })
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters' })
  @MaxLength(1024)
  password!: string;
}
