import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, IsPositive, Max, Min } from 'class-validator';
import { AppIdInput, IsSafeInt } from './shared-inputs.dto.js';

export class SpaceIdInput {
  @ApiProperty({ example: 2001 })
  @IsSafeInt() @IsPositive()
  space_id!: number;
}

export class ItemIdInput {
  @ApiProperty({ example: 3001 })
  @IsSafeInt() @IsPositive()
  item_id!: number;
}

export class FilterItemsInput extends AppIdInput {
  @ApiPropertyOptional({ description: "Podio filters by field id or key, e.g. `{ \"created_by\": [1] }`" })
  @IsOptional() @IsObject()
  filters?: Record<string, unknown>;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 30 })
  @IsOptional() @IsInt() @IsPositive() @Max(500)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional() @IsSafeInt() @Min(0)
  offset?: number;
}
