import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PATH_METADATA } from '@nestjs/common/constants.js';
import { AUTH_DECLARATION, type AuthDeclaration } from './auth-declaration.js';

/**
 * Default deny: the service refuses to start if a route does not state which token it
 * accepts (`@SyncelloAuth(...)`, `@SynqAuth(...)` or `@Public()`), so an endpoint can never
 * ship unprotected by omission.
 */
@Injectable()
export class AuthDeclarationAudit implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const undeclared = this.undeclaredRoutes();
    if (undeclared.length > 0) {
      throw new Error(`Routes without an auth declaration: ${undeclared.join(', ')}`);
    }
  }

  undeclaredRoutes(): string[] {
    const missing: string[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = (prototype as Record<string, unknown>)[name] as () => unknown;
        if (this.reflector.get(PATH_METADATA, handler) === undefined) continue;
        const declaration = this.reflector.getAllAndOverride<AuthDeclaration | undefined, string>(AUTH_DECLARATION, [
          handler,
          wrapper.metatype as Function,
        ]);
        if (!declaration) missing.push(`${wrapper.name}.${name}`);
      }
    }
    return missing;
  }
}
