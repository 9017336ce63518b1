import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsObject, IsPositive } from 'class-validator';

/** Inputs that read the same on every platform that has them. */
export class AppIdInput {
  @ApiProperty({ example: 1001 })
  @IsInt() @IsPositive()
  app_id!: number;
}

export class CreateInAppInput extends AppIdInput {
  @ApiProperty({ description: 'Field values by external id, as the platform expects them', example: { name: 'Ada' } })
  @IsObject()
  fields!: Record<string, unknown>;
}

export class NoInput {}
