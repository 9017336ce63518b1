import { BadRequestException, HttpException, Logger, NotFoundException as NestNotFoundException } from '@nestjs/common';
import type { ArgumentsHost } from '@nestjs/common';
import { jest } from '@jest/globals';
import {
  ApiException,
  ForbiddenException,
  Messages,
  RateLimitedException,
  UnauthenticatedException,
  ValidationException,
} from '../errors/api.exception.js';
import { ErrorCode } from '../errors/error-code.enum.js';
import { ApiExceptionFilter } from './api-exception.filter.js';

interface Sent {
  status?: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** An ArgumentsHost over a Fastify-like request and a reply that records what is sent. */
function hostFor(url: string, method = 'GET', alreadySent = false): { host: ArgumentsHost; sent: Sent } {
  const sent: Sent = { headers: {} };
  const reply = {
    sent: alreadySent,
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header(name: string, value: string) {
      sent.headers[name] = value;
      return reply;
    },
    send(body: unknown) {
      sent.body = body;
      return reply;
    },
  };
  const request = { url, method };
  const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }) } as unknown as ArgumentsHost;
  return { host, sent };
}

describe('ApiExceptionFilter', () => {
  const sut = new ApiExceptionFilter();
  const silenceErrors = () => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  let logged: ReturnType<typeof silenceErrors>;

  beforeEach(() => {
    logged = silenceErrors();
  });
  afterEach(() => logged.mockRestore());

  function render(exception: unknown, url: string, method?: string): Sent {
    const { host, sent } = hostFor(url, method);
    sut.catch(exception, host);
    return sent;
  }

  describe('on a Syncello route (/v1)', () => {
    it('renders the envelope with code and message', () => {
      expect(render(new UnauthenticatedException(), '/v1/tools')).toEqual({
        status: 401,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: { success: false, error: { code: 'UNAUTHORIZED', message: Messages.unauthorized } },
      });
    });

    it('adds the field details of a validation error, and only when there are some', () => {
      const details = [{ field: 'email', message: 'must be an email' }];
      expect(render(new ValidationException('email: must be an email', details), '/v1/auth/register', 'POST').body).toEqual({
        success: false,
        error: { code: 'VALIDATION_ERROR', message: 'email: must be an email', details },
      });
      expect(render(new ValidationException('Request body must be a JSON object', []), '/v1/auth/register', 'POST').body).toEqual({
        success: false,
        error: { code: 'VALIDATION_ERROR', message: 'Request body must be a JSON object' },
      });
    });

    it('sends Retry-After with a rate-limit error', () => {
      expect(render(new RateLimitedException('Tape rate limit reached; retry later', 30), '/v1/tools/tape/listApps', 'POST')).toEqual({
        status: 429,
        headers: { 'Retry-After': '30', 'Content-Type': 'application/json; charset=utf-8' },
        body: { success: false, error: { code: 'RATE_LIMITED', message: 'Tape rate limit reached; retry later' } },
      });
    });

    it('turns an unexpected error into a 500 without its message or stack, and logs it', () => {
      const crash = new TypeError('secret driver text at /srv/app.js:1');
      const sent = render(crash, '/v1/account');
      expect(sent.status).toBe(500);
      expect(sent.body).toEqual({ success: false, error: { code: 'INTERNAL_ERROR', message: Messages.internal } });
      expect(JSON.stringify(sent.body)).not.toContain('secret driver text');
      expect(logged).toHaveBeenCalledWith({ err: crash }, 'unhandled error');
    });

    it("names the method and path (without the query) of a route that does not exist", () => {
      expect(render(new NestNotFoundException(), '/v1/nope?token=x', 'DELETE')).toEqual({
        status: 404,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: { success: false, error: { code: 'NOT_FOUND', message: 'No route for DELETE /v1/nope' } },
      });
    });
  });

  describe('on a Synq route (/api/v1)', () => {
    it('renders one string, prefixed by the status text', () => {
      expect(render(new ForbiddenException('Missing tenantid claim'), '/api/v1/products')).toEqual({
        status: 403,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: { error: 'Forbidden: Missing tenantid claim' },
      });
      expect(render(new ValidationException('title: is required', [{ field: 'title', message: 'is required' }]), '/api/v1/products', 'POST').body).toEqual({
        error: 'Bad Request: title: is required',
      });
    });

    it("renders a crash as the contract's bare 500", () => {
      expect(render(new Error('boom'), '/api/v1/products')).toEqual({
        status: 500,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: { error: 'Internal Server Error' },
      });
    });
  });

  describe("Fastify's own request errors", () => {
    const fastifyError = (statusCode: number, code: string) => Object.assign(new Error('fastify text'), { statusCode, code });

    it.each([
      [415, 'FST_ERR_CTP_INVALID_MEDIA_TYPE', 'UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json'],
      [413, 'FST_ERR_CTP_BODY_TOO_LARGE', 'PAYLOAD_TOO_LARGE', 'Request body exceeds the 10 MB limit'],
      [400, 'FST_ERR_CTP_INVALID_JSON_BODY', 'VALIDATION_ERROR', 'Malformed JSON body'],
    ])('%i %s, bare or wrapped by Nest, is rendered with our message', (status, code, errorCode, message) => {
      const expected = { success: false, error: { code: errorCode, message } };
      expect(render(fastifyError(status, code), '/v1/auth/login', 'POST')).toMatchObject({ status, body: expected });
      expect(render(new BadRequestException('wrapped', { cause: fastifyError(status, code) }), '/v1/auth/login', 'POST')).toMatchObject({ status, body: expected });
    });

    it('a body Nest could not parse as JSON is "Malformed JSON body"', () => {
      const error = Object.assign(new SyntaxError('Unexpected token } in JSON at position 3'), { statusCode: 400 });
      expect(render(error, '/api/v1/auth/login', 'POST').body).toEqual({ error: 'Bad Request: Malformed JSON body' });
    });
  });

  it('maps a Nest HttpException of a known status to our code, keeping its message', () => {
    expect(render(new HttpException('Conflict here', 409), '/v1/account').body).toEqual({
      success: false,
      error: { code: 'CONFLICT', message: 'Conflict here' },
    });
  });

  it('sends nothing when the reply has already gone', () => {
    const { host, sent } = hostFor('/v1/tools', 'GET', true);
    sut.catch(new ApiException(ErrorCode.Forbidden, 'x'), host);
    expect(sent).toEqual({ headers: {} });
  });
});
