import { SetMetadata } from '@nestjs/common';
import { AUTH_DECLARATION, type AuthDeclaration } from './auth-declaration.js';

/** The route needs no credential. Saying so is required: see AuthDeclarationAudit. */
export const Public = () => SetMetadata(AUTH_DECLARATION, { token: 'none' } satisfies AuthDeclaration);
