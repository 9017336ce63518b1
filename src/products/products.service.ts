import { Injectable } from '@nestjs/common';
import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { NotFoundException, ValidationException } from '../common/errors/api.exception.js';
import { isUuid, uuidv7 } from '../common/ids/uuid-v7.js';
import { Database } from '../database/database.js';
import { isForeignKeyViolation } from '../common/errors/database-errors.js';
import { PreSerializedJson } from '../common/http/surface-fastify.adapter.js';
import { JsonRows } from '../database/json-rows.js';
import { synqProducts } from '../database/schema.js';
import type { SynqPrincipal } from '../auth/index.js';
import type { CreateProductDto, UpdateProductDto } from './dto/product.dto.js';

const MAX_PAGE = 100;
type ProductRow = typeof synqProducts.$inferSelect;

/** A timestamp as the API sends it (`toISOString()` form), formatted by the database: no Date round trip. */
const isoText = (column: PgColumn) => sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// The fields the reads send, in this order (`JsonRows`: written by PostgreSQL itself).
const summaryColumns = {
  id: synqProducts.id,
  title: synqProducts.title,
  category: synqProducts.category,
  status: synqProducts.status,
  updated_at: isoText(synqProducts.updatedAt),
};

const recordColumns = {
  id: synqProducts.id,
  title: synqProducts.title,
  description: synqProducts.description,
  category: synqProducts.category,
  status: synqProducts.status,
  created_at: isoText(synqProducts.createdAt),
  updated_at: isoText(synqProducts.updatedAt),
};

const scoped = () =>
  and(eq(synqProducts.tenantId, sql.placeholder('tenantId')), eq(synqProducts.orgId, sql.placeholder('orgId')));

const toRecord = (row: ProductRow) => ({
  id: row.id,
  title: row.title,
  description: row.description,
  category: row.category,
  status: row.status,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
});

/**
 * Products of the caller's tenant and organization. Every query names both, from the token's
 * claims: another tenant's or organization's product does not exist here (404, never 403).
 */
@Injectable()
export class ProductsService {
  // The reads every request makes, built and prepared once (named statements on PostgreSQL).
  private readonly firstPage;
  private readonly nextPage;
  private readonly byId;
  private readonly summaries: JsonRows;
  private readonly records: JsonRows;

  constructor(private readonly database: Database) {
    this.summaries = new JsonRows(database, 'summary', summaryColumns);
    this.records = new JsonRows(database, 'record', recordColumns);
    const page = (after: SQL | undefined, name: string) =>
      this.summaries
        .selectFrom(synqProducts)
        .where(and(scoped(), after))
        .orderBy(desc(synqProducts.updatedAt), desc(synqProducts.id))
        .limit(sql.placeholder('limit'))
        .prepare(name);
    this.firstPage = page(undefined, 'synq_products_first_page');
    const afterAt = sql.placeholder('afterAt');
    this.nextPage = page(
      or(lt(synqProducts.updatedAt, afterAt), and(eq(synqProducts.updatedAt, afterAt), lt(synqProducts.id, sql.placeholder('afterId')))),
      'synq_products_next_page',
    );
    this.byId = this.records
      .selectFrom(synqProducts)
      .where(and(eq(synqProducts.id, sql.placeholder('id')), scoped()))
      .prepare('synq_product_by_id');
  }

  /** A page of summaries as JSON text, and the cursor of the next page when there is one. */
  async list(principal: SynqPrincipal, page: { limit?: number; cursor?: string }) {
    const limit = page.limit ?? MAX_PAGE;
    if (!this.scopeIsValid(principal)) return { items: new PreSerializedJson('[]'), nextCursor: undefined };
    const after = page.cursor ? decodeCursor(page.cursor) : undefined;
    const scope = { tenantId: principal.tenantId, orgId: principal.orgId, limit: limit + 1 };
    const rows = after
      ? await this.summaries.rows(this.nextPage, { ...scope, afterAt: after.updatedAt, afterId: after.id })
      : await this.summaries.rows(this.firstPage, scope);
    const items = rows.length > limit ? rows.slice(0, limit) : rows;
    let nextCursor: string | undefined;
    if (rows.length > limit) {
      const last = this.summaries.fields(items.at(-1)!) as { id: string; updated_at: string };
      nextCursor = encodeCursor(last.updated_at, last.id);
    }
    return { items: new PreSerializedJson(this.summaries.array(items)), nextCursor };
  }

  async get(principal: SynqPrincipal, id: string) {
    if (!isUuid(id) || !this.scopeIsValid(principal)) throw notFound();
    const [row] = await this.records.rows(this.byId, { id, tenantId: principal.tenantId, orgId: principal.orgId });
    if (!row) throw notFound();
    return new PreSerializedJson(this.records.text(row));
  }

  async create(principal: SynqPrincipal, dto: CreateProductDto) {
    if (!this.scopeIsValid(principal)) throw new NotFoundException('Organization not found');
    const now = new Date();
    try {
      const [row] = await this.database.db
        .insert(synqProducts)
        .values({
          id: uuidv7(now.getTime()),
          tenantId: principal.tenantId,
          orgId: principal.orgId,
          title: dto.title,
          description: dto.description ?? null,
          category: dto.category ?? null,
          status: dto.status ?? 'ACTIVE',
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      return toRecord(row!);
    } catch (error) {
      // The token names a tenant or organization this service has no record of (external issuer).
      if (isForeignKeyViolation(error)) throw new NotFoundException('Organization not found');
      throw error;
    }
  }

  async update(principal: SynqPrincipal, id: string, dto: UpdateProductDto) {
    const changes = Object.fromEntries(
      Object.entries({ title: dto.title, description: dto.description, category: dto.category, status: dto.status }).filter(([, v]) => v !== undefined),
    );
    if (Object.keys(changes).length === 0) throw new ValidationException('body must change at least one of title, description, category, status');
    if (!isUuid(id) || !this.scopeIsValid(principal)) throw notFound();
    const [row] = await this.database.db
      .update(synqProducts)
      .set({ ...changes, updatedAt: new Date() })
      .where(and(eq(synqProducts.id, id), this.scope(principal)))
      .returning();
    if (!row) throw notFound();
    return toRecord(row);
  }

  async remove(principal: SynqPrincipal, id: string): Promise<void> {
    if (!isUuid(id) || !this.scopeIsValid(principal)) throw notFound();
    const deleted = await this.database.db
      .delete(synqProducts)
      .where(and(eq(synqProducts.id, id), this.scope(principal)))
      .returning({ id: synqProducts.id });
    if (deleted.length === 0) throw notFound();
  }

  private scope(principal: SynqPrincipal): SQL {
    return and(eq(synqProducts.tenantId, principal.tenantId), eq(synqProducts.orgId, principal.orgId))!;
  }

  /** Claims from an external issuer need not be uuids; such a scope simply holds nothing. */
  private scopeIsValid(principal: SynqPrincipal): boolean {
    return isUuid(principal.tenantId) && isUuid(principal.orgId);
  }
}

const notFound = () => new NotFoundException('Product not found');

function encodeCursor(updatedAt: string, id: string): string {
  return Buffer.from(JSON.stringify([updatedAt, id])).toString('base64url');
}

/** The cursor's time goes back to the database as ISO text (a placeholder is not mapped by Drizzle). */
function decodeCursor(cursor: string): { updatedAt: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    const updatedAt = new Date(typeof at === 'string' ? at : Number.NaN);
    if (!Number.isNaN(updatedAt.getTime()) && isUuid(id)) return { updatedAt: updatedAt.toISOString(), id };
  } catch {
    // fall through
  }
  throw new ValidationException('cursor is invalid');
}
