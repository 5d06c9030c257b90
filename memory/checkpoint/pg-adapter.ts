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

/** Where a query runs: the pool, or an open transaction. */
type Runner = postgres.Sql | postgres.TransactionSql;

/** Converts values the way pg would before sending them: text as untyped, bytes as bytea. */
function toParameters(sql: Runner, values: unknown[] = []): postgres.ParameterOrJSON<never>[] {
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

async function run(sql: Runner, prepare: boolean, text: string, values?: unknown[]): Promise<PgResult> {
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
 * `connect()` hands out a client whose `BEGIN` … `COMMIT` / `ROLLBACK` run as one `sql.begin()`
 * transaction (see `transactionClient`); `end()` does nothing: the store owns the client.
 */
export function pgPoolAdapter(sql: postgres.Sql, { prepare = true }: PgAdapterOptions = {}): PgPoolLike {
  return {
    query: (text, values) => run(sql, prepare, text, values),
    connect: async () => transactionClient(sql, prepare),
    end: async () => {},
  };
}

const EMPTY: PgResult = { rows: [], rowCount: null };

/** Thrown inside the transaction's callback to roll it back on the saver's `ROLLBACK`. */
class RollbackRequested extends Error {
  constructor() {
    super("rolled back by the checkpointer");
  }
}

/** An open transaction: its handle, the decision that ends it, and its outcome. */
interface OpenTransaction {
  tx: postgres.TransactionSql;
  decide(commit: boolean): void;
  outcome: Promise<unknown>;
}

/**
 * A pg-client-shaped handle for the saver's `BEGIN` … `COMMIT` blocks. `BEGIN` opens a
 * `sql.begin()` transaction whose callback waits for the saver's `COMMIT` or `ROLLBACK`; the
 * queries between run on it. Outside a block, queries go to the pool.
 *
 * Not `sql.reserve()`: in postgres.js 3.4.9 a reservation waiting for a connection can be
 * dropped when connections are terminated (a reconnect that fetches array types discards it,
 * and one rejected by a failed connect is later handed the connection nobody takes), so the
 * saver hung forever after a database restart (`drills/pg-drop.ts`). `sql.begin()` takes its
 * connection as an ordinary query does and fails with the connection when it is lost.
 */
function transactionClient(sql: postgres.Sql, prepare: boolean): PgClientLike {
  let open: OpenTransaction | null = null;
  return {
    async query(text, values) {
      const command = text.trim().toUpperCase();
      if (command === "BEGIN") {
        if (open) throw new Error("BEGIN inside a transaction the checkpointer already opened");
        open = await beginTransaction(sql);
        return EMPTY;
      }
      if (command === "COMMIT" || command === "ROLLBACK") {
        const ending = open;
        open = null;
        if (!ending) return EMPTY;
        ending.decide(command === "COMMIT");
        try {
          await ending.outcome;
        } catch (err) {
          if (!(err instanceof RollbackRequested)) throw err;
        }
        return EMPTY;
      }
      return run(open ? open.tx : sql, prepare, text, values);
    },
    release() {
      // a block the saver left open (it never does) is rolled back, not left holding a connection
      open?.decide(false);
      open?.outcome.catch(() => {});
      open = null;
    },
  };
}

/** Opens a transaction and returns once it holds its connection (or fails as BEGIN would). */
function beginTransaction(sql: postgres.Sql): Promise<OpenTransaction> {
  return new Promise<OpenTransaction>((resolve, reject) => {
    let decide: (commit: boolean) => void = () => {};
    const decision = new Promise<boolean>((r) => (decide = r));
    let opened = false;
    const outcome = sql.begin(async (tx) => {
      opened = true;
      resolve({ tx, decide, outcome });
      if (!(await decision)) throw new RollbackRequested();
    });
    // before the callback ran, the transaction's failure is BEGIN's; after, COMMIT reports it
    outcome.catch((err: unknown) => {
      if (!opened) reject(err);
    });
  });
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
