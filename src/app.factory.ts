import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { DestinationStream } from 'pino';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { setUpOpenApi } from './app.openapi.js';
import { createRootLogger, PinoNestLogger } from './common/logging/logger.js';
import { SurfaceFastifyAdapter } from './common/http/surface-fastify.adapter.js';
import { registerRequestLifecycle } from './common/http/request-lifecycle.js';
import { RequestLogController } from './common/logging/request-log.controller.js';
import { lazyRequestLogger } from './common/logging/request-logger.js';
import { installBodyBounds } from './common/http/body-bounds.js';
import { installAllowedMethods } from './common/http/allowed-methods.js';
import { clientErrorHandler, SANE_REQUEST_ID } from './common/http/client-error.handler.js';
import { BODY_LIMIT_BYTES, trustedProxies, validateEnvironment } from './config/env.validation.js';

export { BODY_LIMIT_BYTES };

export interface CreateAppOptions extends Omit<AppModuleOptions, 'config'> {
  /**
   * The settings, replacing `process.env` entirely (tests pass their own, so parallel test
   * files never share or leak environment variables). Without it, `process.env` (server.ts).
   */
  env?: Record<string, string | undefined>;
  /** Where log lines go (tests capture them); stdout by default. */
  logDestination?: DestinationStream;
}

/** The one way the application is assembled, for `server.ts` and for every e2e test. */
export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const env = validateEnvironment(options.env ?? process.env);
  const log = createRootLogger(env.LOG_LEVEL, options.logDestination);

  const adapter = new SurfaceFastifyAdapter({
    loggerInstance: log,
    logController: new RequestLogController(),
    childLoggerFactory: lazyRequestLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) => {
      const sent = request.headers['x-request-id'];
      return typeof sent === 'string' && SANE_REQUEST_ID.test(sent) ? sent : randomUUID();
    },
    // The client address (rate limits) is the TCP peer, unless it is a proxy named in TRUST_PROXY.
    trustProxy: env.TRUST_PROXY ? (trustedProxies(env.TRUST_PROXY) ?? false) : false,
    // On close, idle keep-alive sockets are closed at once; requests arriving meanwhile get
    // our own 503 (registerRequestLifecycle), not Fastify's body.
    forceCloseConnections: 'idle',
    return503OnClosing: false,
    clientErrorHandler,
    requestTimeout: env.HTTP_REQUEST_TIMEOUT_MS,
    // Node checks the two timeouts every `connectionsCheckingInterval` (30 s by default).
    http: { headersTimeout: env.HTTP_HEADERS_TIMEOUT_MS, connectionsCheckingInterval: Math.min(1000, env.HTTP_HEADERS_TIMEOUT_MS) },
  });
  const fastify = adapter.getInstance();
  // JSON only: a text/plain body is a 415, not a string handed to a handler.
  fastify.removeContentTypeParser('text/plain');
  // A known path asked with a method it does not serve: 405 with `Allow` (the exception filter).
  installAllowedMethods(fastify);
  installBodyBounds(fastify, {
    default: {
      bodyLimit: BODY_LIMIT_BYTES,
      depth: env.BODY_MAX_DEPTH,
      keys: env.BODY_MAX_KEYS,
      arrayItems: env.BODY_MAX_ARRAY_ITEMS,
      stringLength: env.BODY_MAX_STRING_LENGTH,
    },
    tool: {
      bodyLimit: env.TOOL_BODY_LIMIT_BYTES,
      depth: env.TOOL_BODY_MAX_DEPTH,
      keys: env.TOOL_BODY_MAX_KEYS,
      arrayItems: env.TOOL_BODY_MAX_ARRAY_ITEMS,
      stringLength: env.TOOL_BODY_MAX_STRING_LENGTH,
    },
  });
  // X-Request-Id, shutdown and the request deadline: one onRequest and one onResponse hook.
  registerRequestLifecycle(fastify, { requestTimeoutMs: env.REQUEST_TIMEOUT_MS, platformTimeoutMs: env.PLATFORM_TIMEOUT_MS });

  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot({ config: env, pglite: options.pglite }), adapter, {
    logger: new PinoNestLogger(log),
    bodyParser: false,
    abortOnError: false,
  });
  setUpOpenApi(app);
  return app;
}
