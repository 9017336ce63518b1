import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class ToolQueryDto {
  @ApiPropertyOptional({ enum: ['text', 'json'], default: 'text', description: '`text`: a summary for AI clients; `json`: structured data' })
  @IsOptional() @IsIn(['text', 'json'], { message: 'must be "text" or "json"' })
  format?: 'text' | 'json';

  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'base64-encode `data` (as a string)' })
  @IsOptional() @IsIn(['true', 'false'], { message: 'must be "true" or "false"' })
  base64?: 'true' | 'false';
}
