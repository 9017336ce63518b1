import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsSafeInt } from './shared-inputs.dto.js';
import { IsInt, IsNotEmpty, IsOptional, IsPositive, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** ShareFile ids (`fo…`, `fi…`, `home`, ...) go into the URL path: letters, digits, `-` and `_` only. */
const ITEM_ID = /^[A-Za-z0-9_-]{1,128}$/;
const itemIdMessage = { message: 'must be a ShareFile item id (letters, digits, "-" or "_")' };

export class ListItemsInput {
  @ApiPropertyOptional({ description: 'Folder id; your home folder when omitted', example: 'fo123abc' })
  @IsOptional() @Matches(ITEM_ID, itemIdMessage)
  folder_id?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100, description: 'OData `$top`' })
  @IsOptional() @IsInt() @IsPositive() @Max(500)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, description: 'OData `$skip`' })
  @IsOptional() @IsSafeInt() @Min(0)
  offset?: number;
}

export class ItemIdInput {
  @ApiProperty({ example: 'fi456def' })
  @Matches(ITEM_ID, itemIdMessage)
  item_id!: string;
}

export class ItemByPathInput {
  @ApiProperty({ example: '/Shared/Reports/q3.pdf' })
  @IsString() @Matches(/^\//, { message: 'must start with "/"' }) @MaxLength(2048)
  path!: string;
}

export class CreateFolderInput {
  @ApiProperty({ example: 'fo123abc' })
  @Matches(ITEM_ID, itemIdMessage)
  parent_id!: string;

  @ApiProperty({ example: 'Reports' })
  @IsString() @IsNotEmpty() @MaxLength(255) @Matches(/^[^\\/:*?"<>|]+$/, { message: 'must not contain \\ / : * ? " < > |' })
  name!: string;
}
