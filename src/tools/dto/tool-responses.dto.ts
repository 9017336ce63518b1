import { ApiProperty } from '@nestjs/swagger';
import { PLATFORMS } from '../../common/enums.js';

/** One entry of `GET /v1/tools` (documentation only). */
export class ToolEntryDto {
  @ApiProperty({ enum: PLATFORMS }) platform!: string;
  @ApiProperty({ example: 'listApps' }) name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'Write tools need role member or admin' }) writes!: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'JSON schema (draft 2019-09 style) of the tool input' }) inputSchema!: Record<string, unknown>;
}

export class ToolListDto {
  @ApiProperty({ type: [ToolEntryDto] }) tools!: ToolEntryDto[];
}
