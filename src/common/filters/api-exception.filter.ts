import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../errors/database-errors.js';
import { ApiException, Messages, MethodNotAllowedException, ServiceUnavailableException } from '../errors/api.exception.js';
import { ErrorCode, SYNQ_PREFIX } from '../errors/error-code.enum.js';
import { allowedMethods } from '../http/allowed-methods.js';
import { Surface, surfaceOf } from '../http/surface.js';

const CODE_OF_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.ValidationError,
  401: ErrorCode.Unauthorized,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  405: ErrorCode.MethodNotAllowed,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  429: ErrorCode.RateLimited,
  502: ErrorCode.UpstreamError,
  503: ErrorCode.ServiceUnavailable,
  504: ErrorCode.UpstreamTimeout,
};

/** Messages for the errors Fastify raises itself while reading a request, by its error code. */
const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Content-Type must be application/json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Content-Length does not match the body',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'Body must not be empty when Content-Type is application/json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'Malformed JSON body',
};

interface FastifyLikeError {
  statusCode: number;
  code?: unknown;
}

/**
 * The one place that turns an error into a response. Everything a client sees on failure
 * passes through here (validation, body parsing, unknown routes, guards, services, crashes),
 * rendered in the shape of the API the route belongs to. Stack traces and driver messages
 * are logged, never sent.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (reply.sent) return;

    const error = this.toApiException(exception, request);
    const surface = surfaceOf(request.url);
    if (error.retryAfter !== undefined) reply.header('Retry-After', String(error.retryAfter));
    if (error instanceof MethodNotAllowedException) reply.header('Allow', error.allow.join(', '));
    reply.status(error.status).header('Content-Type', 'application/json; charset=utf-8').send(render(surface, error));
  }

  private toApiException(exception: unknown, request: FastifyRequest): ApiException {
    // No route matched: whatever failed on the way (a QUERY without Content-Type, a body the
    // parser refused), the answer is about the route (404, or 405 with the methods it serves).
    if (request.is404 === true && (exception instanceof HttpException || isFastifyError(exception) || exception instanceof ApiException)) {
      const status = exception instanceof HttpException ? exception.getStatus() : exception instanceof ApiException ? exception.status : exception.statusCode;
      if (status < 500) return noRoute(request);
    }
    if (exception instanceof ApiException) return exception;

    // Fastify's own request errors (body parsing, content type, size) arrive wrapped by Nest.
    if (exception instanceof HttpException && isFastifyError(exception.cause)) return this.fromFastify(exception.cause, request);
    if (isFastifyError(exception)) return this.fromFastify(exception, request);

    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 404) return noRoute(request);
      const code = CODE_OF_STATUS[status];
      if (code) return new ApiException(code, exception.message);
    }

    // An outage is not a bug: 503 with Retry-After, whichever route met it.
    if (isDatabaseUnavailable(exception)) {
      // The request's own logger: the line names its request id.
      request.log.warn({ context: 'ExceptionFilter', err: exception }, 'database unavailable');
      return new ServiceUnavailableException();
    }

    request.log.error({ context: 'ExceptionFilter', err: exception }, 'unhandled error');
    return new ApiException(ErrorCode.InternalError, Messages.internal);
  }

  private fromFastify(error: FastifyLikeError, request: FastifyRequest): ApiException {
    const code = CODE_OF_STATUS[error.statusCode] ?? ErrorCode.ValidationError;
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      // Each route has its own limit (a tool's input is smaller than the 10 MB of the others).
      return new ApiException(code, `Request body exceeds the ${formatBytes(request.routeOptions?.bodyLimit ?? 10 * 1024 * 1024)} limit`);
    }
    const message =
      FASTIFY_MESSAGES[typeof error.code === 'string' ? error.code : ''] ??
      (error instanceof SyntaxError ? FASTIFY_MESSAGES.FST_ERR_CTP_INVALID_JSON_BODY! : 'Bad request');
    return new ApiException(code, message);
  }
}

/** A request no route serves: 405 with `Allow` when its path is served with other methods, else 404. */
function noRoute(request: FastifyRequest): ApiException {
  const path = request.url.split('?', 1)[0] ?? '/';
  const allow = allowedMethods(request);
  if (allow.length > 0) return new MethodNotAllowedException(request.method, path, allow);
  return new ApiException(ErrorCode.NotFound, `No route for ${request.method} ${path}`);
}

function formatBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

function isFastifyError(error: unknown): error is FastifyLikeError {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}

export function render(surface: Surface, error: ApiException): unknown {
  if (surface === Surface.Syncello) {
    return {
      success: false,
      error: {
        code: error.code,
        message: error.message,
        ...(error.details && error.details.length > 0 ? { details: error.details } : {}),
      },
    };
  }
  if (error.status >= 500 && error.code === ErrorCode.InternalError) return { error: 'Internal Server Error' };
  const prefix = SYNQ_PREFIX[error.status] ?? 'Error';
  // A message that already names its status ("Service unavailable: ...") is not prefixed twice.
  const named = error.message.slice(0, prefix.length + 2).toLowerCase() === `${prefix.toLowerCase()}: `;
  return { error: `${prefix}: ${named ? error.message.slice(prefix.length + 2) : error.message}` };
}
