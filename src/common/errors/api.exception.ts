import { ErrorCode, STATUS_OF } from './error-code.enum.js';

export interface FieldError {
  field: string;
  message: string;
}

/** The contract's fixed messages, in one place. */
export const Messages = {
  unauthorized: 'Missing or invalid Authorization header',
  forbidden: 'Token does not have access to this resource',
  invalidCredentials: 'Invalid email or password',
  internal: 'Internal server error',
  databaseUnavailable: 'Service unavailable: the database is unreachable',
  deadline: 'Service unavailable: the request did not complete in time',
  shuttingDown: 'Service unavailable: the server is shutting down',
} as const;

/** `Retry-After` (seconds) of a 503: an outage is usually short, a restart shorter. */
export const SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * Every error a client may see is an ApiException (or is turned into one by the exception
 * filter). The filter alone decides how it is rendered for the surface the route belongs to.
 */
export class ApiException extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldError[],
    /** Seconds, sent as `Retry-After` (429 and 503). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = new.target.name;
    this.status = STATUS_OF[code];
  }
}

export class UnauthenticatedException extends ApiException {
  constructor(message: string = Messages.unauthorized) {
    super(ErrorCode.Unauthorized, message);
  }
}

export class ForbiddenException extends ApiException {
  constructor(message: string = Messages.forbidden) {
    super(ErrorCode.Forbidden, message);
  }
}

export class ValidationException extends ApiException {
  constructor(message: string, details?: FieldError[]) {
    super(ErrorCode.ValidationError, message, details);
  }
}

export class NotFoundException extends ApiException {
  constructor(message: string) {
    super(ErrorCode.NotFound, message);
  }
}

/** A path that exists, asked with a method it does not serve; `allow` becomes the `Allow` header. */
export class MethodNotAllowedException extends ApiException {
  constructor(
    method: string,
    path: string,
    readonly allow: readonly string[],
  ) {
    super(ErrorCode.MethodNotAllowed, `${method} is not allowed on ${path}; allowed: ${allow.join(', ')}`);
  }
}

export class ConflictException extends ApiException {
  constructor(message: string) {
    super(ErrorCode.Conflict, message);
  }
}

export class RateLimitedException extends ApiException {
  constructor(message: string, retryAfterSeconds?: number) {
    super(ErrorCode.RateLimited, message, undefined, retryAfterSeconds);
  }
}

export class UpstreamException extends ApiException {
  constructor(message: string) {
    super(ErrorCode.UpstreamError, message);
  }
}

export class UpstreamTimeoutException extends ApiException {
  constructor(message: string) {
    super(ErrorCode.UpstreamTimeout, message);
  }
}

/**
 * A dependency (the database) is down or too slow. Never a 401: a valid credential that
 * cannot be checked right now is still valid, so clients are told to retry, not to sign out.
 */
export class ServiceUnavailableException extends ApiException {
  constructor(message: string = Messages.databaseUnavailable, retryAfterSeconds = SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS) {
    super(ErrorCode.ServiceUnavailable, message, undefined, retryAfterSeconds);
  }
}
