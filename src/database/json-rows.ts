import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { PgPreparedQuery, PgSelect, PgTable, PreparedQueryConfig } from 'drizzle-orm/pg-core';
import type { Database } from './database.js';

type Row = Record<string, unknown>;
interface DriverRead {
  all(placeholders: Record<string, unknown>): Promise<unknown>;
}

/**
 * Rows a read only forwards to the client, as JSON text, keys in the order of `fields`.
 *
 * On PostgreSQL the database writes each row's JSON itself: the fields become the columns of
 * a one-row lateral subquery and `row_to_json` writes it, byte for byte what `JSON.stringify`
 * writes for the same values (both escape `"`, `\` and the control characters alike, as `\n`
 * or `\u001f`, write everything else as is, and SQL NULL as `null`). A row then costs one text
 * value instead of a driver value, an object property and a serialization per field (a list
 * of 100: 1.2-1.3× the requests per second).
 *
 * PGlite's WebAssembly build writes JSON slower than this process does (0.85-0.9× in the same
 * measurement), so on the embedded database the columns are read and `JSON.stringify` writes
 * the same bytes here. The tests compare the bytes on both.
 */
export class JsonRows {
  private readonly lateral?: SQL;
  private readonly json?: SQL.Aliased<string>;
  /** Each field under its own name: the driver's rows are read as they come (`rows()`). */
  private readonly columns: Record<string, SQL.Aliased>;

  constructor(
    private readonly database: Database,
    alias: string,
    fields: Record<string, SQLWrapper>,
  ) {
    this.columns = Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, sql`${value}`.as(name)]));
    if (database.kind !== 'postgres') return;
    const columns = sql.join(
      Object.entries(fields).map(([name, value]) => sql`${value} as ${sql.identifier(name)}`),
      sql`, `,
    );
    this.lateral = sql`(select ${columns}) as ${sql.identifier(alias)}`;
    this.json = sql<string>`row_to_json(${sql.identifier(alias)})::text`.as('json');
  }

  /** `select … from table` for these rows; the caller adds where, order and limit. */
  selectFrom(table: PgTable): PgSelect {
    const { db } = this.database;
    if (this.lateral && this.json) return db.select({ json: this.json }).from(table).crossJoinLateral(this.lateral).$dynamic() as unknown as PgSelect;
    return db.select(this.columns).from(table).$dynamic() as unknown as PgSelect;
  }

  /**
   * The rows of a prepared read as the driver returns them, objects keyed by column name
   * (every field is selected under its own name): Drizzle's row mapper (`is()` per field per
   * row, ~10% of a list of 100 on PostgreSQL) has nothing to do for rows that only become JSON.
   * `all()` is the prepared query's driver-level read, which Drizzle's relational queries use
   * on both drivers (marked internal in its typings; the e2e suite runs on both).
   */
  async rows(query: PgPreparedQuery<PreparedQueryConfig>, placeholders: Record<string, unknown>): Promise<Row[]> {
    return (await (query as unknown as DriverRead).all(placeholders)) as Row[];
  }

  /** One row's fields, by name. */
  fields(row: Row): Row {
    return this.json ? (JSON.parse(row.json as string) as Row) : row;
  }

  /** One row's JSON text. */
  text(row: Row): string {
    return this.json ? (row.json as string) : JSON.stringify(row);
  }

  /** The rows as one JSON array. */
  array(rows: Row[]): string {
    return this.json ? `[${rows.map((row) => row.json as string).join(',')}]` : JSON.stringify(rows);
  }
}
