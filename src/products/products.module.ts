import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/index.js';
import { ProductsController } from './products.controller.js';
import { ProductsService } from './products.service.js';

/** Synq's product catalogue, `/api/v1/products`, scoped by the ID token's tenant and organization. */
@Module({ imports: [AuthModule], controllers: [ProductsController], providers: [ProductsService] })
export class ProductsModule {}
