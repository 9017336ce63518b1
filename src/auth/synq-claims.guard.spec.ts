import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { AUTH_DECLARATION } from './auth-declaration.js';
import { ApiException } from '../common/errors/api.exception.js';
import type { SynqRole } from '../common/enums.js';
import { SynqClaimsGuard } from './synq-auth.guards.js';

function contextFor(claims: Record<string, unknown>, roles?: SynqRole[]) {
  class Controller {
    handler(): void {}
  }
  if (roles) Reflect.defineMetadata(AUTH_DECLARATION, { token: 'synq-id-token', roles }, Controller.prototype.handler);
  const request: { user: unknown } = { user: { kind: 'synq-id-token', issuer: 'iss', claims } };
  const context = new ExecutionContextHost([request, {}], Controller, Controller.prototype.handler);
  return { context, request };
}

const full = { sub: 'u1', email: 'a@example.com', tenantid: 't1', org_id: 'o1', role: 'EDITOR' };

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return `${(error as ApiException).status} ${(error as ApiException).message}`;
  }
  return 'passed';
}

describe('SynqClaimsGuard', () => {
  const sut = new SynqClaimsGuard(new Reflector());

  it('leaves a typed principal on the request', () => {
    const { context, request } = contextFor(full);
    expect(sut.canActivate(context)).toBe(true);
    expect(request.user).toEqual({ kind: 'synq-id-token', issuer: 'iss', userId: 'u1', email: 'a@example.com', tenantId: 't1', orgId: 'o1', role: 'EDITOR' });
  });

  it.each([
    [{ tenantid: undefined, org_id: undefined, role: undefined }, '403 Missing tenantid claim'],
    [{ org_id: undefined, role: undefined }, '403 Missing org_id claim'],
    [{ role: undefined }, '403 Missing role claim'],
    [{ tenantid: 7 }, '403 Missing tenantid claim'],
    [{ org_id: '' }, '403 Missing org_id claim'],
    [{ role: ['EDITOR'] }, '403 Missing role claim'],
    [{ role: 'editor' }, '403 Insufficient permissions'],
    [{ role: 'EDITOR ' }, '403 Insufficient permissions'],
  ])('checks the claims in order: %j', (overrides, expected) => {
    expect(failure(() => sut.canActivate(contextFor({ ...full, ...overrides }).context))).toBe(expected);
  });

  it('matches the route roles exactly', () => {
    expect(failure(() => sut.canActivate(contextFor(full, ['ADMIN']).context))).toBe('403 Insufficient permissions');
    expect(failure(() => sut.canActivate(contextFor(full, ['ADMIN', 'EDITOR']).context))).toBe('passed');
  });
});
