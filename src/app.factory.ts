import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { DestinationStream } from 'pino';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { createRootLogger, PinoNestLogger } from './common/logging/logger.js';
import { requestContext } from './common/logging/request-context.js';
import { RequestLogController } from './common/logging/request-log.controller.js';
import { trustedProxies, validateEnvironment } from './config/env.validation.js';

export const BODY_LIMIT_BYTES = 10 * 1024 * 1024;
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface CreateAppOptions extends Omit<AppModuleOptions, 'config'> {
  /**
   * Settings on top of `process.env` (tests pass their own, so parallel test files never
   * share or leak environment variables).
   */
  env?: Record<string, string | undefined>;
  /** Where log lines go (tests capture them); stdout by default. */
  logDestination?: DestinationStream;
}

/** The one way the application is assembled, for `main.ts` and for every e2e test. */
export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const env = validateEnvironment({ ...process.env, ...options.env });
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
    // The client address (rate limits) is the TCP peer, unless it is a proxy named in TRUST_PROXY.
    trustProxy: env.TRUST_PROXY ? (trustedProxies(env.TRUST_PROXY) ?? false) : false,
  });
  const fastify = adapter.getInstance();
  // JSON only: a text/plain body is a 415, not a string handed to a handler.
  fastify.removeContentTypeParser('text/plain');
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    requestContext.run({ reqId: request.id }, done);
  });

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
