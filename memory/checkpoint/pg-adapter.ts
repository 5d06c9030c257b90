import pg from "pg";
import type postgres from "postgres";

/** What `PostgresSaver` reads from a query result: pg's `rows` and `rowCount`. */
export interface PgResult {
  rows: Record<string, unknown>[];
  rowCount: number | null;
}

/** A pg-client-shaped handle: `query()` and `release()`. */
export interface PgClientLike {
  query(text: string, values?: unknown[]): Promise<PgResult>;
  release(): void;
}

/** The part of `pg.Pool` that `PostgresSaver` uses. */
export interface PgPoolLike {
  query(text: string, values?: unknown[]): Promise<PgResult>;
  connect(): Promise<PgClientLike>;
  end(): Promise<void>;
}

/** Options of `pgPoolAdapter`. */
export interface PgAdapterOptions {
  /**
   * Use named prepared statements, cached by postgres.js per query text and connection: one round
   * trip per query instead of two. Default `true`. Fine on the embedded store because it has
   * exactly one connection (with several, PGlite mixes them up: STACK.md, pglite#1046); turn it
   * off behind a transaction-mode pooler (PgBouncer) that cannot keep named statements.
   */
  prepare?: boolean;
}

// pg's own value conversion (JS value → text or Buffer), so parameters mean what they mean to pg.
// It is public at runtime (`pg.utils`, also `pg/lib/utils.js`) but not in @types/pg.
const { prepareValue } = (pg as unknown as { utils: { prepareValue(v: unknown): string | Buffer | null } })
  .utils;

/**
 * The `unknown` pseudo-type. A parameter declared with it is typed by the server from context,
 * as pg's untyped parameters are, while postgres.js (which serialises by the declared type and
 * would otherwise adopt the server's, e.g. JSON.stringify a JSON string bound to jsonb again)
 * sends the text as is.
 */
const UNKNOWN_OID = 705;

/** Converts values the way pg would before sending them: text as untyped, bytes as bytea. */
function toParameters(sql: postgres.Sql, values: unknown[] = []): postgres.ParameterOrJSON<never>[] {
  return values.map((value) => {
    const prepared = prepareValue(value);
    return typeof prepared === "string" ? sql.typed(prepared, UNKNOWN_OID) : prepared;
  }) as postgres.ParameterOrJSON<never>[];
}

/** Builds pg-style rows from raw text values with pg's own type parsers (pg.types). */
function toResult(raw: postgres.RowList<(Buffer | null)[][]>): PgResult {
  const columns = raw.columns ?? [];
  const parsers = columns.map((c) => pg.types.getTypeParser(c.type, "text"));
  const rows = raw.map((values) => {
    const row: Record<string, unknown> = {};
    columns.forEach((column, i) => {
      const value = values[i];
      row[column.name] = value == null ? null : parsers[i]!(value.toString("utf8"));
    });
    return row;
  });
  return { rows, rowCount: raw.count ?? null };
}

async function run(sql: postgres.Sql, prepare: boolean, text: string, values?: unknown[]): Promise<PgResult> {
  const raw = await sql.unsafe(text, toParameters(sql, values), { prepare }).raw();
  return toResult(raw as unknown as postgres.RowList<(Buffer | null)[][]>);
}

/**
 * A pg-Pool-shaped object over a postgres.js client, so `PostgresSaver` (built on pg) runs on the
 * store's own client: in embedded mode that client is the one connection PGlite may have.
 *
 * Parameters go through pg's `prepareValue` (objects → JSON text, arrays → array literals,
 * Uint8Array → bytea) and results through pg's type parsers (jsonb → objects, bytea and bytea[]
 * → Buffers, NULL array elements → null, int8 → string), so the saver sees exactly what pg gives.
 *
 * `connect()` reserves a connection (`sql.reserve()`) so the saver's BEGIN … COMMIT stay on it;
 * `end()` does nothing: the store owns the client.
 */
export function pgPoolAdapter(sql: postgres.Sql, { prepare = true }: PgAdapterOptions = {}): PgPoolLike {
  return {
    query: (text, values) => run(sql, prepare, text, values),
    async connect() {
      const reserved = await sql.reserve();
      return {
        query: (text, values) => run(reserved, prepare, text, values),
        release: () => reserved.release(),
      };
    },
    end: async () => {},
  };
}

/**
 * A pool whose every `connect()` hands out the same already-reserved connection, never released
 * by the saver: used to run `setup()` on the connection that holds the setup lock.
 */
export function singleConnectionPool(reserved: postgres.ReservedSql, options?: PgAdapterOptions): PgPoolLike {
  const pool = pgPoolAdapter(reserved, options);
  const client: PgClientLike = { query: pool.query, release: () => {} };
  return { ...pool, connect: async () => client };
}
