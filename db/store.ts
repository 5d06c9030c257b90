import postgres from "postgres";
import { IN_MEMORY, startEmbedded, type EmbeddedServer } from "./embedded.ts";

/** A postgres.js client or a transaction opened on it; repository functions accept either. */
export type Sql = postgres.Sql | postgres.TransactionSql;

/** Where the store lives: embedded PGlite (a directory or memory) or a Postgres URL. */
export type StoreOptions =
  { kind: "embedded"; dataDir: string } | { kind: "postgres"; url: string; poolMax?: number };

/** The CRM store: one data-access path (postgres.js) whichever database is behind it. */
export interface Store {
  kind: StoreOptions["kind"];
  /** The client. Embedded: a single connection. Postgres: a pool. */
  sql: postgres.Sql;
  /** A human-readable description, without credentials. */
  describe(): string;
  close(): Promise<void>;
}

// numeric and bigint columns come back as strings (postgres.js default): cast in SQL where a
// number is wanted.
const clientOptions = { onnotice: () => {} };

/** Options from configuration: DATABASE_URL wins, otherwise the embedded store. */
export function storeOptionsFromConfig(config: {
  DATABASE_URL?: string | undefined;
  CRM_DATA_DIR: string;
  DB_POOL_MAX: number;
}): StoreOptions {
  return config.DATABASE_URL
    ? { kind: "postgres", url: config.DATABASE_URL, poolMax: config.DB_POOL_MAX }
    : { kind: "embedded", dataDir: config.CRM_DATA_DIR };
}

/** Opens the store. Call `migrate()` next, then use `store.sql`. */
export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.kind === "postgres") {
    const sql = postgres(options.url, { ...clientOptions, max: options.poolMax ?? 10 });
    const url = new URL(options.url);
    return {
      kind: "postgres",
      sql,
      describe: () => `Postgres at ${url.hostname}:${url.port || 5432}${url.pathname}`,
      close: () => sql.end({ timeout: 5 }),
    };
  }
  const server: EmbeddedServer = await startEmbedded(options.dataDir);
  const sql = postgres({
    ...clientOptions,
    host: server.host,
    port: server.port,
    username: "postgres",
    database: "postgres",
    max: 1, // the one connection PGlite may have (see embedded.ts)
    idle_timeout: 0,
  });
  return {
    kind: "embedded",
    sql,
    describe: () =>
      options.dataDir === IN_MEMORY ? "embedded PGlite (in memory)" : `embedded PGlite at ${server.dataDir}`,
    async close() {
      await sql.end({ timeout: 5 });
      await server.stop();
    },
  };
}
