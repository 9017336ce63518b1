import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { SyncelloPrincipal } from './syncello-principal.js';

export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): SyncelloPrincipal =>
    (context.switchToHttp().getRequest<FastifyRequest & { user: SyncelloPrincipal }>()).user,
);
