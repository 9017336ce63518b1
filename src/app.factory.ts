import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { DestinationStream } from 'pino';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { createRootLogger, PinoNestLogger } from './common/logging/logger.js';
import { requestContext } from './common/logging/request-context.js';
import { registerRequestDeadline } from './common/http/request-deadline.js';
import { registerGracefulShutdown } from './common/http/graceful-shutdown.js';
import { RequestLogController } from './common/logging/request-log.controller.js';
import { installBodyBounds } from './common/http/body-bounds.js';
import { installAllowedMethods } from './common/http/allowed-methods.js';
import { clientErrorHandler, SANE_REQUEST_ID } from './common/http/client-error.handler.js';
import { BODY_LIMIT_BYTES, validateEnvironment } from './config/env.validation.js';

export { BODY_LIMIT_BYTES };

export interface CreateAppOptions extends Omit<AppModuleOptions, 'config'> {
  /**
   * The settings, replacing `process.env` entirely (tests pass their own, so parallel test
   * files never share or leak environment variables). Without it, `process.env` (main.ts).
   */
  env?: Record<string, string | undefined>;
  /** Where log lines go (tests capture them); stdout by default. */
  logDestination?: DestinationStream;
}

/** The one way the application is assembled, for `main.ts` and for every e2e test. */
export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const env = validateEnvironment(options.env ?? process.env);
  const log = createRootLogger(env.LOG_LEVEL, options.logDestination);

  const adapter = new FastifyAdapter({
    loggerInstance: log,
    logController: new RequestLogController(),
    bodyLimit: BODY_LIMIT_BYTES,
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) => {
      const sent = request.headers['x-request-id'];
      return typeof sent === 'string' && SANE_REQUEST_ID.test(sent) ? sent : randomUUID();
    },
    trustProxy: false,
    // On close, idle keep-alive sockets are closed at once; requests arriving meanwhile get
    // our own 503 (registerGracefulShutdown), not Fastify's body.
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
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    requestContext.run({ reqId: request.id }, done);
  });

  registerGracefulShutdown(fastify);
  registerRequestDeadline(fastify, { requestTimeoutMs: env.REQUEST_TIMEOUT_MS, platformTimeoutMs: env.PLATFORM_TIMEOUT_MS });

  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot({ config: env, pglite: options.pglite }), adapter, {
    logger: new PinoNestLogger(log),
    bodyParser: false,
    abortOnError: false,
  });
  setUpSwagger(app);
  return app;
}

function setUpSwagger(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Syncello and Synq')
    .setDescription(
      [
        '**Syncello** (`/v1`): run tools against Tape, Podio and ShareFile with your API key (an HS256 JWT).',
        'Register, then authorize with the `apiKey` under **syncello-api-key**; log in for a dashboard session under **syncello-session**.',
        '**Synq** (`/api/v1`): a multi-tenant product catalogue. Sign up (or log in), then authorize with the `idToken` under **synq-id-token**; its claims choose your tenant, organization and role.',
      ].join('\n\n'),
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Syncello API key (HS256 JWT)' }, 'syncello-api-key')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Syncello dashboard session (15 minutes)' }, 'syncello-session')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Synq ID token (RS256, 1 hour), from /api/v1/auth/signup or /login' }, 'synq-id-token')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
