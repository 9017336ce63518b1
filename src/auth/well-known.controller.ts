import { Controller, Get, Header } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from './public.decorator.js';
import type { EnvironmentVariables } from '../config/env.validation.js';
import { SigningKeyService } from './signing-key.service.js';

@ApiTags('synq: discovery')
@Controller('.well-known')
export class WellKnownController {
  constructor(
    private readonly keys: SigningKeyService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  @Get('jwks.json')
  @Public()
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'The public keys of Synq ID tokens: the current key and retired ones whose tokens may still be alive' })
  @ApiOkResponse({ schema: { example: { keys: [{ kty: 'RSA', kid: '…', alg: 'RS256', use: 'sig', n: '…', e: 'AQAB' }] } } })
  jwks() {
    return this.keys.jwks();
  }

  @Get('openid-configuration')
  @Public()
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'Issuer and JWKS location of Synq ID tokens' })
  openidConfiguration() {
    const issuer = this.config.get('SYNQ_ISSUER', { infer: true });
    return {
      issuer,
      jwks_uri: `${issuer.replace(/\/+$/, '')}/.well-known/jwks.json`,
      id_token_signing_alg_values_supported: ['RS256'],
      subject_types_supported: ['public'],
      response_types_supported: ['id_token'],
      claims_supported: ['iss', 'aud', 'sub', 'email', 'tenantid', 'org_id', 'role', 'token_version', 'iat', 'exp'],
    };
  }
}
