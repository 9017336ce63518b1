import { ApiProperty } from '@nestjs/swagger';
import { PLATFORMS } from '../../common/enums.js';

/** `PUT /v1/account/connections/{platform}` inside `data` (documentation only). */
export class ConnectedDto {
  @ApiProperty({ enum: PLATFORMS }) platform!: string;
  @ApiProperty({ enum: [true] }) connected!: boolean;
  @ApiProperty({ format: 'date-time' }) connectedAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

/** `DELETE /v1/account/connections/{platform}` inside `data`. */
export class DisconnectedDto {
  @ApiProperty({ enum: PLATFORMS }) platform!: string;
  @ApiProperty({ enum: [false] }) connected!: boolean;
}
