import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EnvironmentVariables } from '../../config/env.validation.js';
import { loadMasterKey } from './master-key.js';
import { PasswordHasher } from './password-hasher.js';
import { SecretBox } from './secret-box.js';

@Global()
@Module({
  providers: [
    PasswordHasher,
    {
      provide: SecretBox,
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>) =>
        new SecretBox(loadMasterKey(config.get('SECRETS_KEY', { infer: true }), config.get('DATA_DIR', { infer: true }))),
    },
  ],
  exports: [PasswordHasher, SecretBox],
})
export class CryptoModule {}
