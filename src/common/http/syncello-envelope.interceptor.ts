import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { Surface, surfaceOf } from './surface.js';

/** Syncello answers `{ success: true, data }`; handlers return only `data`. */
@Injectable()
export class SyncelloEnvelopeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (surfaceOf(request.url) !== Surface.Syncello) return next.handle();
    return next.handle().pipe(map((data: unknown) => ({ success: true, data })));
  }
}
