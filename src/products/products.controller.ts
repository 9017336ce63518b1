import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiSynqCommonErrors, ApiSynqError } from '../common/http/api-error.decorators.js';
import { SynqAuth, SynqUser, type SynqPrincipal } from '../auth/index.js';
import { CreateProductDto, ListProductsQuery, ProductRecord, UpdateProductDto } from './dto/product.dto.js';
import { ProductsService } from './products.service.js';

@ApiTags('synq: products')
@ApiSynqCommonErrors({ body: true })
@Controller('api/v1/products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Get()
  @SynqAuth()
  @ApiOperation({ summary: 'Products of your organization, most recently updated first; the next page’s cursor is in `X-Next-Cursor`' })
  @ApiOkResponse({
    headers: { 'X-Next-Cursor': { description: 'Pass as `?cursor=` for the next page; absent on the last page', schema: { type: 'string' } } },
    schema: { type: 'array', items: { type: 'object', properties: { id: {}, title: {}, category: {}, status: {}, updated_at: {} } } },
  })
  async list(@SynqUser() principal: SynqPrincipal, @Query() query: ListProductsQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const page = await this.products.list(principal, query);
    if (page.nextCursor) reply.header('X-Next-Cursor', page.nextCursor);
    return page.items;
  }

  @Get(':id')
  @SynqAuth()
  @ApiOkResponse({ type: ProductRecord })
  @ApiSynqError(404, 'Product not found')
  get(@SynqUser() principal: SynqPrincipal, @Param('id') id: string) {
    return this.products.get(principal, id);
  }

  @Post()
  @SynqAuth({ roles: ['ADMIN', 'EDITOR'] })
  @ApiCreatedResponse({ type: ProductRecord })
  create(@SynqUser() principal: SynqPrincipal, @Body() body: CreateProductDto) {
    return this.products.create(principal, body);
  }

  @Patch(':id')
  @SynqAuth({ roles: ['ADMIN', 'EDITOR'] })
  @ApiOkResponse({ type: ProductRecord })
  @ApiSynqError(404, 'Product not found')
  update(@SynqUser() principal: SynqPrincipal, @Param('id') id: string, @Body() body: UpdateProductDto) {
    return this.products.update(principal, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @SynqAuth({ roles: ['ADMIN'] })
  @ApiNoContentResponse()
  @ApiSynqError(404, 'Product not found')
  async remove(@SynqUser() principal: SynqPrincipal, @Param('id') id: string): Promise<void> {
    await this.products.remove(principal, id);
  }
}
