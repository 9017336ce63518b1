import type { PGlite } from '@electric-sql/pglite';
import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { AuthDeclarationAudit } from './common/auth/auth-declaration.audit.js';
import { CryptoModule } from './common/crypto/crypto.module.js';
import { ApiExceptionFilter } from './common/filters/api-exception.filter.js';
import { SyncelloEnvelopeInterceptor } from './common/http/syncello-envelope.interceptor.js';
import { createValidationPipe } from './common/validation/validation.js';
import { type EnvironmentVariables, validateEnvironment } from './config/env.validation.js';
import { RateLimitModule } from './common/rate-limit/rate-limit.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { SyncelloModule } from './syncello/syncello.module.js';
import { SynqModule } from './synq/synq.module.js';

export interface AppModuleOptions {
  /** Settings already validated (createApp validates once); else `process.env` is validated here. */
  config?: EnvironmentVariables;
  /** An open embedded database to use instead of opening `DATA_DIR/pglite`. */
  pglite?: PGlite;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          ignoreEnvVars: true,
          load: [() => ({ ...(options.config ?? validateEnvironment(process.env)) })],
        }),
        DiscoveryModule,
        CryptoModule,
        DatabaseModule.forRoot({ pglite: options.pglite }),
        RateLimitModule,
        HealthModule,
        SyncelloModule,
        SynqModule,
      ],
      providers: [
        AuthDeclarationAudit,
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: SyncelloEnvelopeInterceptor },
      ],
    };
  }
}
