import { ApiProperty, ApiPropertyOptional, ApiResponseProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { PRODUCT_STATUSES, type ProductStatus } from '../../common/enums.js';

const statusMessage = { message: `must be one of: ${PRODUCT_STATUSES.join(', ')}` };

export class CreateProductDto {
  @ApiProperty({ example: 'Espresso machine', maxLength: 200 })
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ maxLength: 5000, nullable: true })
  @IsOptional() @IsString() @MaxLength(5000)
  description?: string | null;

  @ApiPropertyOptional({ maxLength: 100, nullable: true, example: 'Kitchen' })
  @IsOptional() @IsString() @MaxLength(100)
  category?: string | null;

  @ApiPropertyOptional({ enum: PRODUCT_STATUSES, default: 'ACTIVE' })
  @IsOptional() @IsIn(PRODUCT_STATUSES, statusMessage)
  status?: ProductStatus;
}

/** Every field optional; `description` and `category` may be set to null to clear them. */
export class UpdateProductDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @ValidateIf((o: UpdateProductDto) => o.title !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 5000, nullable: true })
  @IsOptional() @IsString() @MaxLength(5000)
  description?: string | null;

  @ApiPropertyOptional({ maxLength: 100, nullable: true })
  @IsOptional() @IsString() @MaxLength(100)
  category?: string | null;

  @ApiPropertyOptional({ enum: PRODUCT_STATUSES })
  @ValidateIf((o: UpdateProductDto) => o.status !== undefined)
  @IsIn(PRODUCT_STATUSES, statusMessage)
  status?: ProductStatus;
}

export class ListProductsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `X-Next-Cursor` header of the previous page' })
  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;
}

/** A product as the API returns it (documentation only). */
export class ProductRecord {
  @ApiResponseProperty({ example: '0193a5c2-7d1e-7c3a-9b1e-2f0a4c8d9e10' }) id!: string;
  @ApiResponseProperty() title!: string;
  @ApiResponseProperty() description!: string | null;
  @ApiResponseProperty() category!: string | null;
  @ApiResponseProperty({ enum: PRODUCT_STATUSES }) status!: string;
  @ApiResponseProperty() created_at!: string;
  @ApiResponseProperty() updated_at!: string;
}
