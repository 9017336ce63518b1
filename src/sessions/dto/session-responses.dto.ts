import { ApiProperty } from '@nestjs/swagger';

/** A Synq sign-in result (documentation only). */
export class TokenPairDto {
  @ApiProperty({ description: 'RS256 ID token; send as `Authorization: Bearer <idToken>`' }) idToken!: string;
  @ApiProperty({ description: 'One-time: every refresh spends it and returns a new one' }) refreshToken!: string;
  @ApiProperty({ type: 'integer', enum: [3600] }) expiresIn!: number;
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: string;
}

export class SignedUpDto extends TokenPairDto {
  @ApiProperty({ format: 'uuid' }) uid!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ format: 'uuid' }) orgId!: string;
}
