import { ApiProperty } from '@nestjs/swagger';

/** A public RSA key of the JWKS (documentation only). */
export class PublicJwkDto {
  @ApiProperty({ enum: ['RSA'] }) kty!: string;
  @ApiProperty() kid!: string;
  @ApiProperty({ enum: ['RS256'] }) alg!: string;
  @ApiProperty({ enum: ['sig'] }) use!: string;
  @ApiProperty({ description: 'Modulus, base64url' }) n!: string;
  @ApiProperty({ example: 'AQAB' }) e!: string;
}

export class JwksDto {
  @ApiProperty({ type: [PublicJwkDto] }) keys!: PublicJwkDto[];
}

export class OpenIdConfigurationDto {
  @ApiProperty({ example: 'http://localhost:3000' }) issuer!: string;
  @ApiProperty({ example: 'http://localhost:3000/.well-known/jwks.json' }) jwks_uri!: string;
  @ApiProperty({ type: [String], example: ['RS256'] }) id_token_signing_alg_values_supported!: string[];
  @ApiProperty({ type: [String], example: ['public'] }) subject_types_supported!: string[];
  @ApiProperty({ type: [String], example: ['id_token'] }) response_types_supported!: string[];
  @ApiProperty({ type: [String] }) claims_supported!: string[];
}
