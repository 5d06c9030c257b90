import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import type pg from "pg";
import type postgres from "postgres";
import type { Store } from "../../db/index.ts";
import { pgPoolAdapter, singleConnectionPool, type PgPoolLike } from "./pg-adapter.ts";

/** The schema that holds LangGraph's checkpoint tables, apart from the CRM tables. */
export const CHECKPOINT_SCHEMA = "langgraph";

/** Options of `createCheckpointer`. */
export interface CheckpointerOptions {
  /** Schema of the checkpoint tables. Default `"langgraph"`. Lower-case letters, digits, `_`. */
  schema?: string;
  /** How checkpoints are serialised. Default: the saver's own (JSON plus LangChain objects). */
  serde?: ConstructorParameters<typeof PostgresSaver>[1];
  /** Named prepared statements on the store's client (see `PgAdapterOptions`). Default `true`. */
  prepare?: boolean;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

// Setups already run (or running) in this process, per client and schema.
const setups = new WeakMap<postgres.Sql, Map<string, Promise<void>>>();

/**
 * A LangGraph checkpointer (`PostgresSaver`) on the CRM store, in its own schema, through the
 * store's postgres.js client (embedded: the single PGlite connection; Postgres: the pool).
 * Creates or upgrades the checkpoint tables first, once per process and schema, serialised
 * across processes by an advisory lock. `end()` on the saver leaves the store's client open.
 */
export async function createCheckpointer(
  store: Store | postgres.Sql,
  options: CheckpointerOptions = {},
): Promise<PostgresSaver> {
  const sql = typeof store === "function" ? store : store.sql;
  const { schema = CHECKPOINT_SCHEMA, serde, prepare = true } = options;
  if (!SCHEMA_NAME.test(schema)) {
    throw new TypeError(`Checkpoint schema must match ${SCHEMA_NAME}: ${JSON.stringify(schema)}`);
  }
  const bySchema = setups.get(sql) ?? new Map<string, Promise<void>>();
  setups.set(sql, bySchema);
  let setup = bySchema.get(schema);
  if (!setup) {
    setup = setupSchema(sql, schema, prepare);
    bySchema.set(schema, setup);
    // a failed setup is retried by the next call
    setup.catch(() => bySchema.delete(schema));
  }
  await setup;
  return newSaver(pgPoolAdapter(sql, { prepare }), serde, schema);
}

/**
 * Runs `PostgresSaver.setup()` under a session advisory lock keyed on the schema, so two
 * processes starting at once do not race on CREATE SCHEMA / CREATE TABLE or record a migration
 * twice. It cannot run inside one transaction as `migrate()` does: setup() probes the migrations
 * table and recovers from "relation does not exist", which would abort a transaction.
 * Everything uses one reserved connection, the only one there is in embedded mode.
 */
async function setupSchema(sql: postgres.Sql, schema: string, prepare: boolean): Promise<void> {
  const reserved = await sql.reserve();
  const key = `crm-agents:langgraph-checkpoint:${schema}`;
  try {
    await reserved`SELECT pg_advisory_lock(hashtextextended(${key}, 0))`;
    try {
      await newSaver(singleConnectionPool(reserved, { prepare }), undefined, schema).setup();
    } finally {
      await reserved`SELECT pg_advisory_unlock(hashtextextended(${key}, 0))`;
    }
  } finally {
    reserved.release();
  }
}

function newSaver(pool: PgPoolLike, serde: CheckpointerOptions["serde"], schema: string): PostgresSaver {
  // PostgresSaver is typed against pg.Pool but only calls query/connect/end (see pg-adapter.ts).
  return new PostgresSaver(pool as unknown as pg.Pool, serde, { schema });
}
