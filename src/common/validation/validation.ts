import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import { ValidationException, type FieldError } from '../errors/api.exception.js';

const VALIDATOR_OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

/** Flattens class-validator's tree into `[{ field, message }]`, nested fields as `a.b`. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    // A required field that is absent gets one message, not one per rule it would have had to pass.
    const messages =
      error.value === undefined && error.constraints ? ['is required'] : Object.values(error.constraints ?? {});
    const own = messages.map((message) => ({ field, message: message.replace(/^property (\S+) should not exist$/, 'is not allowed') }));
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

/** A 400 lists at most this many problems; the message says how many more there were. */
export const MAX_ERROR_DETAILS = 20;
/** A field name (which comes from the client) is shown at most this long. */
const MAX_FIELD_NAME = 100;

export function validationFailed(errors: ValidationError[]): ValidationException {
  return invalidFields(toFieldErrors(errors));
}

/** The 400 for these problems: the first MAX_ERROR_DETAILS listed, field names shortened. */
function invalidFields(all: FieldError[]): ValidationException {
  const details = all.slice(0, MAX_ERROR_DETAILS).map((d) => ({
    field: d.field.length > MAX_FIELD_NAME ? `${d.field.slice(0, MAX_FIELD_NAME)}…` : d.field,
    message: d.message,
  }));
  const more = all.length - details.length;
  const summary =
    details.length > 0
      ? details.map((d) => `${d.field}: ${d.message}`).join('; ') + (more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}` : '')
      : 'Invalid request body';
  return new ValidationException(summary, details);
}

/** The global pipe: unknown fields are an error, never silently dropped. */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    ...VALIDATOR_OPTIONS,
    transform: true,
    exceptionFactory: validationFailed,
  });
}

/**
 * A DTO body must be a JSON object: an array, string or number is one clear error, not a dozen.
 * A validated body or query may not hold the NUL character in any string: PostgreSQL text
 * cannot store it, and the client should hear which field, not a 500.
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const isDto = metadata.metatype !== undefined && metadata.metatype !== Object && typeof metadata.metatype === 'function';
    if (metadata.type === 'body' && isDto && !isJsonObject(value)) throw new ValidationException('Request body must be a JSON object');
    const transformed: unknown = await super.transform(value, metadata);
    if (isDto && (metadata.type === 'body' || metadata.type === 'query')) refuseNul(transformed);
    return transformed;
  }
}

const NUL_MESSAGE = 'must not contain the NUL character';

/** Throws the 400 naming every field (as `a.b`, `a.0`) whose string holds U+0000. */
function refuseNul(value: unknown): void {
  const fields: string[] = [];
  const walk = (node: unknown, path: string, depth: number): void => {
    if (typeof node === 'string') {
      if (node.includes('\0')) fields.push(path || 'body');
    } else if (node !== null && typeof node === 'object' && depth < 32) {
      for (const [key, child] of Object.entries(node)) walk(child, path ? `${path}.${key}` : key, depth + 1);
    }
  };
  walk(value, '', 0);
  if (fields.length > 0) throw invalidFields(fields.map((field) => ({ field, message: NUL_MESSAGE })));
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * For bodies whose class is only known at run time (a tool's input, a platform's
 * credentials): the same rules as the global pipe.
 */
export async function validateBody<T extends object>(type: ClassConstructor<T>, body: unknown): Promise<T> {
  if (!isJsonObject(body)) {
    throw new ValidationException('Request body must be a JSON object');
  }
  const instance = plainToInstance(type, body);
  // The body is known to be an object; an input class without fields must still reject extras.
  const errors = await validate(instance, { ...VALIDATOR_OPTIONS, forbidUnknownValues: false });
  if (errors.length > 0) throw validationFailed(errors);
  return instance;
}
