// The framework anchor of `npm run bench`: a plain Nest + Fastify app (no logger, no hooks,
// no guards) answering `GET /health` with {"status":"ok"}, as the service does. What Nest
// itself costs on this machine, so `/health ÷ bare Fastify` can be read against it.
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';

class HealthController {
  live() {
    return { status: 'ok' };
  }
}
// The decorators, applied as TypeScript would (this file runs as plain JavaScript).
Get()(HealthController.prototype, 'live', Object.getOwnPropertyDescriptor(HealthController.prototype, 'live'));
Controller('health')(HealthController);
class AppModule {}
Module({ controllers: [HealthController] })(AppModule);

const app = await NestFactory.create(AppModule, new FastifyAdapter(), { logger: false });
await app.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
