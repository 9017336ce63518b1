import type { PGlite } from '@electric-sql/pglite';
import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { AccountsModule } from './accounts/index.js';
import { AuthDeclarationAudit, AuthModule } from './auth/index.js';
import { CryptoModule } from './common/crypto/crypto.module.js';
import { ApiExceptionFilter } from './common/filters/api-exception.filter.js';
import { createValidationPipe } from './common/validation/validation.js';
import { type EnvironmentVariables, validateEnvironment } from './config/env.validation.js';
import { RateLimitModule } from './common/rate-limit/rate-limit.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/index.js';
import { McpModule } from './mcp/index.js';
import { ConnectionsModule } from './connections/index.js';
import { OrganizationModule } from './organization/index.js';
import { PlatformsModule } from './platforms/index.js';
import { ProductsModule } from './products/index.js';
import { SessionsModule } from './sessions/index.js';
import { ToolsModule } from './tools/index.js';

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
          // The settings are exactly `config`: no .env file, no process.env read or merged, and
          // ConfigService#get never falls back to process.env for a variable left unset.
          ignoreEnvFile: true,
          validatePredefined: false,
          skipProcessEnv: true,
          load: [() => ({ ...(options.config ?? validateEnvironment(process.env)) })],
        }),
        DiscoveryModule,
        CryptoModule,
        DatabaseModule.forRoot({ pglite: options.pglite }),
        RateLimitModule,
        AuthModule,
        HealthModule,
        // Syncello, /v1
        AccountsModule,
        ConnectionsModule,
        PlatformsModule,
        ToolsModule,
        McpModule,
        // Synq, /api/v1
        SessionsModule,
        ProductsModule,
        OrganizationModule,
      ],
      providers: [
        AuthDeclarationAudit,
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
