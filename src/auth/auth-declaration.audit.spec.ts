import { Controller, Get, Post } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { AuthDeclarationAudit } from './auth-declaration.audit.js';
import { Public } from './public.decorator.js';

@Controller('declared')
class DeclaredController {
  @Get()
  @Public()
  open(): string {
    return 'ok';
  }
}

@Controller('forgotten')
class ForgottenController {
  @Get()
  @Public()
  fine(): string {
    return 'ok';
  }

  @Post()
  oops(): string {
    return 'unprotected';
  }

  helper(): string {
    return 'not a route';
  }
}

describe('AuthDeclarationAudit', () => {
  async function audit(...controllers: Array<new () => object>) {
    const module = await Test.createTestingModule({ imports: [DiscoveryModule], controllers, providers: [AuthDeclarationAudit] }).compile();
    return module.get(AuthDeclarationAudit);
  }

  it('passes when every route declares its token', async () => {
    const sut = await audit(DeclaredController);
    expect(sut.undeclaredRoutes()).toEqual([]);
  });

  it('names each route that does not, and refuses to start', async () => {
    const sut = await audit(DeclaredController, ForgottenController);
    expect(sut.undeclaredRoutes()).toEqual(['ForgottenController.oops']);
    expect(() => sut.onModuleInit()).toThrow('Routes without an auth declaration: ForgottenController.oops');
  });
});
