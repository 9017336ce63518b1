import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ErrorCode, SYNQ_PREFIX } from '../errors/error-code.enum.js';

const SYNCELLO_ERROR_SCHEMA = {
  type: 'object',
  required: ['success', 'error'],
  properties: {
    success: { type: 'boolean', enum: [false] },
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: Object.values(ErrorCode) },
        message: { type: 'string' },
        details: {
          type: 'array',
          items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
        },
      },
    },
  },
};

const CODE_OF: Record<number, ErrorCode> = {
  400: ErrorCode.ValidationError,
  401: ErrorCode.Unauthorized,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  429: ErrorCode.RateLimited,
  500: ErrorCode.InternalError,
  503: ErrorCode.ServiceUnavailable,
  502: ErrorCode.UpstreamError,
  504: ErrorCode.UpstreamTimeout,
};

/** Documents a `/v1` error response with its exact body as the example. */
export function ApiSyncelloError(status: number, message: string, description = message) {
  const code = CODE_OF[status] ?? ErrorCode.InternalError;
  return ApiResponse({
    status,
    description,
    content: {
      'application/json': {
        schema: SYNCELLO_ERROR_SCHEMA,
        example: { success: false, error: { code, message } },
      },
    },
  });
}

/**
 * The errors any `/v1` route can answer, whatever it does: 500, and 503 when the database is
 * unreachable or the request outlives its deadline. `body`: the route takes a JSON body, so
 * also 400 (with `body` as the example message when it is a string), 413 and 415.
 */
export function ApiSyncelloCommonErrors(options: { body?: boolean | string } = {}) {
  return applyDecorators(
    ...(options.body ? [ApiSyncelloBodyErrors(typeof options.body === 'string' ? options.body : 'Request body must be a JSON object')] : []),
    ApiSyncelloError(500, 'Internal server error'),
    ApiSyncelloError(503, 'Service unavailable: the database is unreachable', 'The database is unreachable, or the request did not complete in time (Retry-After)'),
  );
}

/** The errors of a `/v1` route that reads a JSON body; `badRequest` is the example 400 message. */
export function ApiSyncelloBodyErrors(badRequest: string) {
  return applyDecorators(
    ApiSyncelloError(400, badRequest, 'Invalid input (field errors in `details`)'),
    ApiSyncelloError(413, 'Request body exceeds the 10 MB limit'),
    ApiSyncelloError(415, 'Content-Type must be application/json'),
  );
}

/** `{ success: true, data }` around a data schema, for the Swagger document. */
export function syncelloData(data: Record<string, unknown>) {
  return {
    type: 'object',
    required: ['success', 'data'],
    properties: { success: { type: 'boolean', enum: [true] }, data },
  };
}

/** Documents a `/v1` success: `{ success: true, data: <model> }`, the model a response DTO class. */
export function ApiSyncelloData(status: number, model: new () => object, description?: string) {
  return applyDecorators(ApiExtraModels(model), ApiResponse({ status, description, schema: syncelloData({ $ref: getSchemaPath(model) }) }));
}

/** Documents an `/api/v1` error response with its exact body as the example. */
export function ApiSynqError(status: number, message: string, description = message) {
  const error = status === 500 ? 'Internal Server Error' : `${SYNQ_PREFIX[status] ?? 'Error'}: ${message}`;
  return ApiResponse({
    status,
    description,
    content: {
      'application/json': {
        schema: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
        example: { error },
      },
    },
  });
}

/**
 * The errors any `/api/v1` route can answer, whatever it does: 500, and 503 when the database
 * is unreachable or the request outlives its deadline. `body`: every route of the controller
 * takes a JSON body (see `ApiSynqBodyErrors`).
 */
export function ApiSynqCommonErrors(options: { body?: boolean | string } = {}) {
  return applyDecorators(
    ...(options.body ? [ApiSynqBodyErrors(typeof options.body === 'string' ? options.body : 'Request body must be a JSON object')] : []),
    ApiSynqError(500, 'Internal Server Error'),
    ApiSynqError(503, 'the database is unreachable', 'The database is unreachable, or the request did not complete in time (Retry-After)'),
  );
}

/** The errors of an `/api/v1` route that reads a JSON body; `badRequest` is the example 400 message (without the prefix). */
export function ApiSynqBodyErrors(badRequest: string) {
  return applyDecorators(
    ApiSynqError(400, badRequest, 'Invalid input'),
    ApiSynqError(413, 'Request body exceeds the 10 MB limit'),
    ApiSynqError(415, 'Content-Type must be application/json'),
  );
}
