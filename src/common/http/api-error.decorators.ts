import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
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

/** The errors any `/v1` route with a body can answer, whatever it does. */
export function ApiSyncelloCommonErrors(options: { body?: boolean } = {}) {
  return applyDecorators(
    ...(options.body
      ? [
          ApiSyncelloError(400, 'Malformed JSON body', 'Invalid input (field errors in `details`)'),
          ApiSyncelloError(413, 'Request body exceeds the 10 MB limit'),
          ApiSyncelloError(415, 'Content-Type must be application/json'),
        ]
      : []),
    ApiSyncelloError(500, 'Internal server error'),
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

/** The errors any `/api/v1` route can answer, whatever it does. */
export function ApiSynqCommonErrors(options: { body?: boolean } = {}) {
  return applyDecorators(
    ...(options.body
      ? [
          ApiSynqError(400, 'title: title must be a string', 'Invalid input'),
          ApiSynqError(413, 'Request body exceeds the 10 MB limit'),
          ApiSynqError(415, 'Content-Type must be application/json'),
        ]
      : []),
    ApiSynqError(500, 'Internal Server Error'),
  );
}
