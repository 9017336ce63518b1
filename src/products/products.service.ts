import { Injectable } from '@nestjs/common';
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { NotFoundException, ValidationException } from '../common/errors/api.exception.js';
import { isUuid, uuidv7 } from '../common/ids/uuid-v7.js';
import { Database } from '../database/database.js';
import { isForeignKeyViolation } from '../common/errors/database-errors.js';
import { synqProducts } from '../database/schema.js';
import type { SynqPrincipal } from '../auth/index.js';
import type { CreateProductDto, UpdateProductDto } from './dto/product.dto.js';

const MAX_PAGE = 100;
type ProductRow = typeof synqProducts.$inferSelect;

const summaryColumns = {
  id: synqProducts.id,
  title: synqProducts.title,
  category: synqProducts.category,
  status: synqProducts.status,
  updatedAt: synqProducts.updatedAt,
};

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
  constructor(private readonly database: Database) {}

  async list(principal: SynqPrincipal, page: { limit?: number; cursor?: string }) {
    const limit = page.limit ?? MAX_PAGE;
    if (!this.scopeIsValid(principal)) return { items: [], nextCursor: undefined };
    const after = page.cursor ? decodeCursor(page.cursor) : undefined;
    const rows = await this.database.db
      .select(summaryColumns)
      .from(synqProducts)
      .where(
        and(
          this.scope(principal),
          after
            ? or(lt(synqProducts.updatedAt, after.updatedAt), and(eq(synqProducts.updatedAt, after.updatedAt), lt(synqProducts.id, after.id)))
            : undefined,
        ),
      )
      .orderBy(desc(synqProducts.updatedAt), desc(synqProducts.id))
      .limit(limit + 1);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map((r) => ({ id: r.id, title: r.title, category: r.category, status: r.status, updated_at: r.updatedAt.toISOString() })),
      nextCursor: rows.length > limit && last ? encodeCursor(last.updatedAt, last.id) : undefined,
    };
  }

  async get(principal: SynqPrincipal, id: string) {
    return toRecord(await this.find(principal, id));
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

  private async find(principal: SynqPrincipal, id: string): Promise<ProductRow> {
    if (!isUuid(id) || !this.scopeIsValid(principal)) throw notFound();
    const [row] = await this.database.db.select().from(synqProducts).where(and(eq(synqProducts.id, id), this.scope(principal)));
    if (!row) throw notFound();
    return row;
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

function encodeCursor(updatedAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([updatedAt.toISOString(), id])).toString('base64url');
}

function decodeCursor(cursor: string): { updatedAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    const updatedAt = new Date(typeof at === 'string' ? at : Number.NaN);
    if (!Number.isNaN(updatedAt.getTime()) && isUuid(id)) return { updatedAt, id };
  } catch {
    // fall through
  }
  throw new ValidationException('cursor is invalid');
}
