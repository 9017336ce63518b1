import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import type { ClassConstructor } from 'class-transformer';
import { ValidationTypes } from 'class-validator';
import { targetConstructorToSchema } from 'class-validator-jsonschema';

/** Where `@ApiProperty` keeps its options (`DECORATORS.API_MODEL_PROPERTIES` of @nestjs/swagger). */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';
/** What `@ApiProperty` may add to a validated field: words for people, not rules. */
const DOC_KEYS = ['description', 'example', 'default'] as const;

type Schema = Record<string, unknown>;

/**
 * The OpenAPI 3.0 schema of a request DTO, derived from the class-validator rules the server
 * enforces (one source: what the pipe checks is what the document says):
 * - unknown fields are refused (`additionalProperties: false`, the pipe's `forbidNonWhitelisted`);
 * - `@IsOptional()` lets `null` through as well as an absent field, so such a field is `nullable`;
 *   `@ValidateIf(o => o.x !== undefined)` lets only absence through, so it is not;
 * - `@IsPositive()` (draft-06 `exclusiveMinimum: 0`) becomes the 3.0 form;
 * - `description`, `example` and `default` come from `@ApiProperty`.
 */
export function requestSchemaOf(type: ClassConstructor<object>): Schema {
  const schema = targetConstructorToSchema(type, {
    additionalConverters: {
      [ValidationTypes.CONDITIONAL_VALIDATION]: (meta: { name?: string }) => (meta.name === 'isOptional' ? { nullable: true } : {}),
    },
  }) as Schema;
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  for (const [name, property] of Object.entries(properties)) {
    const documented = (Reflect.getMetadata(API_MODEL_PROPERTIES, type.prototype, name) ?? {}) as Schema;
    for (const key of DOC_KEYS) if (documented[key] !== undefined && property[key] === undefined) property[key] = documented[key];
  }
  const result: Schema = { type: 'object', properties, additionalProperties: false };
  if (Array.isArray(schema.required) && schema.required.length > 0) result.required = schema.required;
  return toOpenApi30(result);
}

/**
 * Rewrites JSON-schema forms OpenAPI 3.0 does not know, in place, everywhere in `node`:
 * numeric `exclusiveMinimum`/`exclusiveMaximum` (3.1 / draft-06) become `minimum`/`maximum`
 * (+1/-1 on an integer, or the boolean form otherwise), and a `nullable` enum lists `null`.
 */
export function toOpenApi30<T>(node: T): T {
  if (Array.isArray(node)) {
    node.forEach(toOpenApi30);
    return node;
  }
  if (node === null || typeof node !== 'object') return node;
  const schema = node as Schema;
  for (const [bound, exclusive, step] of [
    ['minimum', 'exclusiveMinimum', 1],
    ['maximum', 'exclusiveMaximum', -1],
  ] as const) {
    const value = schema[exclusive];
    if (typeof value !== 'number') continue;
    if (schema.type === 'integer' && Number.isInteger(value)) {
      schema[bound] = value + step;
      delete schema[exclusive];
    } else {
      schema[bound] = value;
      schema[exclusive] = true;
    }
  }
  if (schema.nullable === true && Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  for (const value of Object.values(schema)) if (value !== null && typeof value === 'object') toOpenApi30(value);
  return node;
}

/**
 * An example body for a request DTO (from `requestSchemaOf`): the `example` of each required
 * field (of every field when none is required, so a PATCH example changes something); none
 * when a required field has no example (a token only a previous call gives).
 */
export function exampleOf(schema: Schema): Schema | undefined {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = (schema.required ?? []) as string[];
  if (required.some((name) => properties[name]?.example === undefined)) return undefined;
  const names = required.length > 0 ? required : Object.keys(properties).filter((name) => properties[name]!.example !== undefined);
  return Object.fromEntries(names.map((name) => [name, properties[name]!.example]));
}

/**
 * Documents a query DTO's fields as query parameters, each with the schema its class-validator
 * rules give (`integer` for `@IsInt`, bounds, lengths), instead of the `@ApiProperty` guess.
 * A query string has no null: `nullable` is dropped.
 */
export function ApiQueryOf(type: ClassConstructor<object>): MethodDecorator {
  const schema = requestSchemaOf(type);
  const required = new Set((schema.required ?? []) as string[]);
  return applyDecorators(
    ...Object.entries(schema.properties as Record<string, Schema>).map(([name, property]) => {
      const { description, example, nullable: _nullable, ...rest } = property;
      if (Array.isArray(rest.enum)) rest.enum = rest.enum.filter((value) => value !== null);
      return ApiQuery({ name, required: required.has(name), description: description as string | undefined, example, schema: rest });
    }),
  );
}
