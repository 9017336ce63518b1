import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { Platform } from '../../common/enums.js';

export class TapeCredentialsDto {
  @ApiProperty({ description: 'Tape API key (Settings → API)' })
  @IsString() @IsNotEmpty() @MaxLength(4096)
  apiKey!: string;
}

export class PodioCredentialsDto {
  @ApiProperty({ description: 'OAuth2 access token' })
  @IsString() @IsNotEmpty() @MaxLength(4096)
  accessToken!: string;

  @ApiPropertyOptional({ description: 'OAuth2 refresh token; lets the service renew an expired access token' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(4096)
  refreshToken?: string;
}

export class ShareFileCredentialsDto {
  @ApiProperty({ description: 'Account subdomain: `acme` for acme.sharefile.com', example: 'acme' })
  @Matches(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i, { message: 'must be a subdomain such as "acme"' })
  subdomain!: string;

  @ApiProperty({ description: 'OAuth2 access token' })
  @IsString() @IsNotEmpty() @MaxLength(4096)
  accessToken!: string;

  @ApiPropertyOptional({ description: 'OAuth2 refresh token' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(4096)
  refreshToken?: string;
}

export const CREDENTIALS_DTO = {
  tape: TapeCredentialsDto,
  podio: PodioCredentialsDto,
  sharefile: ShareFileCredentialsDto,
} as const satisfies Record<Platform, new () => object>;

export type PlatformCredentials = {
  tape: TapeCredentialsDto;
  podio: PodioCredentialsDto;
  sharefile: ShareFileCredentialsDto;
};
