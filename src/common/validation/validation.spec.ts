import { IsEmail, IsString, MinLength, ValidateNested, ValidationError } from 'class-validator';
import { Type } from 'class-transformer';
import type { ArgumentMetadata } from '@nestjs/common';
import { ApiException } from '../errors/api.exception.js';
import { createValidationPipe, toFieldErrors, validateBody, validationFailed } from './validation.js';

class Address {
  @IsString()
  city!: string;
}

class Signup {
  @IsEmail({}, { message: 'must be an email' })
  email!: string;

  @IsString() @MinLength(12, { message: 'must be at least 12 characters' })
  password!: string;

  @ValidateNested() @Type(() => Address)
  address!: Address;
}

class Empty {}

const error = (property: string, value: unknown, constraints?: Record<string, string>, children: ValidationError[] = []): ValidationError =>
  Object.assign(new ValidationError(), { property, value, constraints, children });

/** The thrown ApiException, as what the filter renders from: status, code, message, details. */
async function failure(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (thrown) {
    if (!(thrown instanceof ApiException)) throw thrown;
    return { status: thrown.status, code: thrown.code, message: thrown.message, details: thrown.details };
  }
  throw new Error('expected a validation failure');
}

describe('toFieldErrors', () => {
  it('flattens nested errors as a.b, one entry per broken rule', () => {
    const sut = toFieldErrors([
      error('email', 'x', { isEmail: 'must be an email' }),
      error('address', {}, undefined, [error('city', 5, { isString: 'city must be a string' })]),
    ]);
    expect(sut).toEqual([
      { field: 'email', message: 'must be an email' },
      { field: 'address.city', message: 'city must be a string' },
    ]);
  });

  it('says "is required" once for an absent field, whatever rules it had', () => {
    expect(toFieldErrors([error('password', undefined, { isString: 'a', minLength: 'b' })])).toEqual([{ field: 'password', message: 'is required' }]);
  });

  it('says "is not allowed" for an unknown field', () => {
    expect(toFieldErrors([error('admin', true, { whitelistValidation: 'property admin should not exist' })])).toEqual([
      { field: 'admin', message: 'is not allowed' },
    ]);
  });
});

describe('validationFailed', () => {
  it('summarises the details in the message, in order', () => {
    const sut = validationFailed([error('email', 'x', { isEmail: 'must be an email' }), error('password', undefined, { isString: 'a' })]);
    expect({ status: sut.status, code: sut.code, message: sut.message, details: sut.details }).toEqual({
      status: 400,
      code: 'VALIDATION_ERROR',
      message: 'email: must be an email; password: is required',
      details: [
        { field: 'email', message: 'must be an email' },
        { field: 'password', message: 'is required' },
      ],
    });
  });

  it('has a message of its own when there is no field to name', () => {
    expect(validationFailed([]).message).toBe('Invalid request body');
  });
});

describe('the global pipe', () => {
  const sut = createValidationPipe();
  const body: ArgumentMetadata = { type: 'body', metatype: Signup };

  it('rejects a body that is not a JSON object with one message', async () => {
    for (const value of [[], 'text', 7, null]) {
      expect(await failure(() => sut.transform(value, body))).toEqual({
        status: 400,
        code: 'VALIDATION_ERROR',
        message: 'Request body must be a JSON object',
        details: undefined,
      });
    }
  });

  it('rejects unknown fields and names each broken rule', async () => {
    const result = await failure(() => sut.transform({ email: 'nope', password: 'correct horse battery', address: { city: 'Oslo' }, role: 'admin' }, body));
    expect(result).toEqual({
      status: 400,
      code: 'VALIDATION_ERROR',
      message: 'role: is not allowed; email: must be an email',
      details: [
        { field: 'role', message: 'is not allowed' },
        { field: 'email', message: 'must be an email' },
      ],
    });
  });

  it('refuses the NUL character in any string of a valid body or query, naming each field (PostgreSQL text cannot hold it)', async () => {
    const result = await failure(() => sut.transform({ email: 'a@example.com', password: 'correct horse\u0000battery', address: { city: 'Os\u0000lo' } }, body));
    expect(result).toEqual({
      status: 400,
      code: 'VALIDATION_ERROR',
      message: 'password: must not contain the NUL character; address.city: must not contain the NUL character',
      details: [
        { field: 'password', message: 'must not contain the NUL character' },
        { field: 'address.city', message: 'must not contain the NUL character' },
      ],
    });
    const query: ArgumentMetadata = { type: 'query', metatype: Address };
    expect(await failure(() => sut.transform({ city: '\u0000' }, query))).toMatchObject({ status: 400, message: 'city: must not contain the NUL character' });
    // Anything else (a path parameter, a raw body) is left to its own checks.
    expect(await sut.transform('\u0000', { type: 'param', metatype: String })).toBe('\u0000');
  });

  it('hands a valid body over as an instance of its class', async () => {
    const value = await sut.transform({ email: 'a@example.com', password: 'correct horse battery', address: { city: 'Oslo' } }, body);
    expect(value).toBeInstanceOf(Signup);
    expect((value as Signup).address).toBeInstanceOf(Address);
  });
});

describe('validateBody', () => {
  it('applies the same rules to a class known only at run time', async () => {
    expect(await failure(() => validateBody(Signup, { email: 'a@example.com', address: { city: 1 } }))).toEqual({
      status: 400,
      code: 'VALIDATION_ERROR',
      message: 'password: is required; address.city: city must be a string',
      details: [
        { field: 'password', message: 'is required' },
        { field: 'address.city', message: 'city must be a string' },
      ],
    });
  });

  it('rejects extra fields even for a class without any', async () => {
    expect((await failure(() => validateBody(Empty, { x: 1 }))).details).toEqual([{ field: 'x', message: 'is not allowed' }]);
    await expect(validateBody(Empty, {})).resolves.toBeInstanceOf(Empty);
  });

  it('rejects a body that is not an object', async () => {
    expect((await failure(() => validateBody(Signup, [1]))).message).toBe('Request body must be a JSON object');
  });
});

