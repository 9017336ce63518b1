import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/**
 * The principal the route's token guard put on the request. Handlers type it as the
 * principal of their surface (`SyncelloPrincipal`, `SynqPrincipal`); never `@Req() req.user`.
 */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): unknown => context.switchToHttp().getRequest<{ user?: unknown }>().user,
);
