import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsObject, IsPositive, ValidateBy } from 'class-validator';

/**
 * An integer that goes into a platform URL (an id, an offset): an integer no larger than
 * 2^53 - 1, so it is exact and never written in exponent form (`1e21` would reach the platform
 * as `/app/workspace/1e+21`). Published as `maximum` in the input's JSON schema (the
 * constraint is named `max`, which class-validator-jsonschema turns into `maximum`); a value
 * that is not a number gets only `@IsInt`'s message. Combine with `@IsPositive()` or `@Min(0)`.
 */
export function IsSafeInt(): PropertyDecorator {
  // IsInt last: its `type: integer` wins over the `type: number` the `max` converter writes.
  return applyDecorators(
    ValidateBy({
      name: 'max',
      constraints: [Number.MAX_SAFE_INTEGER],
      validator: {
        validate: (value: unknown) => typeof value !== 'number' || value <= Number.MAX_SAFE_INTEGER,
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a safe integer (at most ${Number.MAX_SAFE_INTEGER})`,
      },
    }),
    IsInt(),
  );
}

/** Inputs that read the same on every platform that has them. */
export class AppIdInput {
  @ApiProperty({ example: 1001 })
  @IsSafeInt() @IsPositive()
  app_id!: number;
}

export class CreateInAppInput extends AppIdInput {
  @ApiProperty({ description: 'Field values by external id, as the platform expects them', example: { name: 'Ada' } })
  @IsObject()
  fields!: Record<string, unknown>;
}

export class NoInput {}
