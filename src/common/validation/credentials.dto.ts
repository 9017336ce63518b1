import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { normalizeEmail } from './transforms.js';

/** Email and a new password (at least 12 characters): registering, signing up. */
export class NewAccountDto {
  @ApiProperty({ example: 'try-me@example.org' })
  @Transform(normalizeEmail)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 12, maxLength: 1024, example: 'correct horse battery staple' })
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters' })
  @MaxLength(1024)
  password!: string;
}

/** Email and password of an existing account. Not checked for format: a wrong one is a 401. */
export class LoginDto {
  @ApiProperty({ example: 'try-me@example.org' })
  @Transform(normalizeEmail)
  @IsString()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MaxLength(1024)
  password!: string;
}
