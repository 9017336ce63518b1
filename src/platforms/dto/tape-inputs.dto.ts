import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsObject, IsOptional, IsPositive, IsString, Max, MaxLength } from 'class-validator';
import { AppIdInput, CreateInAppInput, IsSafeInt } from './shared-inputs.dto.js';

export { AppIdInput, NoInput } from './shared-inputs.dto.js';

/** Shared building blocks of the Tape tools' inputs. */
export class WorkspaceIdInput {
  @ApiProperty({ example: 12345 })
  @IsSafeInt() @IsPositive()
  workspace_id!: number;
}

export class RecordIdInput {
  @ApiProperty({ example: 5001 })
  @IsSafeInt() @IsPositive()
  record_id!: number;
}

export class ListRecordsInput extends AppIdInput {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, description: 'Page size' })
  @IsOptional() @IsInt() @IsPositive() @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `cursor` of the previous page' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(2048)
  cursor?: string;
}

/** `{ app_id, fields }` → `POST /record/app/{app_id}`. */
export class CreateRecordInput extends CreateInAppInput {}

export class UpdateRecordInput extends RecordIdInput {
  @ApiProperty({ description: 'Field values by external id', example: { status: 'Done' } })
  @IsObject()
  fields!: Record<string, unknown>;
}
