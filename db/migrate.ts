import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { MigrationError } from "./errors.ts";
import type postgres from "postgres";

const MIGRATIONS_DIR = fileURLToPath(new URL("./migrations/", import.meta.url));
/** Advisory-lock key shared by every process that migrates this database ("crm-agents"). */
const MIGRATION_LOCK_KEY = 0x63726d61;

export interface Migration {
  version: number;
  name: string;
  /** the file name, e.g. 0001_extension_vector.sql */
  file: string;
  sql: string;
  checksum: string;
}

export interface MigrationResult {
  applied: Migration[];
  current: number;
}

/** Reads `NNNN_name.sql` files in version order; numbers must be unique. */
export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".sql")).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!match) throw new MigrationError(`Migration file name must look like 0001_name.sql: ${file}`);
    const sql = await readFile(`${dir}/${file}`, "utf8");
    const version = Number(match[1]);
    if (migrations.some((m) => m.version === version)) {
      throw new MigrationError(`Two migrations share version ${version}`);
    }
    migrations.push({
      version,
      name: match[2]!,
      file,
      sql,
      checksum: createHash("sha256").update(sql).digest("hex"),
    });
  }
  return migrations;
}

/**
 * Applies pending migrations in one transaction under a transaction-scoped advisory lock, so
 * concurrent starters serialise and the second finds nothing to do. Safe to run any number of
 * times. Migrations are append-only: an applied file whose content changed is an error.
 */
export async function migrate(sql: postgres.Sql, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  const migrations = await loadMigrations(dir);
  return sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`;
    await tx`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version     integer PRIMARY KEY,
        name        text NOT NULL,
        checksum    text NOT NULL,
        applied_at  timestamptz NOT NULL DEFAULT now()
      )`;
    const done = await tx<{ version: number; name: string; checksum: string }[]>`
      SELECT version, name, checksum FROM schema_migrations ORDER BY version`;
    const byVersion = new Map(done.map((row) => [row.version, row]));
    for (const row of done) {
      const file = migrations.find((m) => m.version === row.version);
      if (!file) {
        throw new MigrationError(
          `The database has migration ${row.version} (${row.name}) which this code does not know: ` +
            `it was migrated by a newer version of crm-agents.`,
        );
      }
      if (file.checksum !== row.checksum) {
        throw new MigrationError(
          `Migration ${file.file} changed after it was applied. ` +
            `Migrations are append-only: restore the file and add a new migration instead.`,
        );
      }
    }
    const pending = migrations.filter((m) => !byVersion.has(m.version));
    if (pending.length > 0) await checkServer(tx);
    for (const m of pending) {
      try {
        await tx.unsafe(m.sql).simple();
      } catch (err) {
        throw new MigrationError(`Migration ${m.file} failed: ${(err as Error).message}`);
      }
      await tx`INSERT INTO schema_migrations (version, name, checksum) VALUES (${m.version}, ${m.name}, ${m.checksum})`;
    }
    return { applied: pending, current: migrations.at(-1)?.version ?? 0 };
  });
}

/** A clear message for the two things a user's own Postgres most often lacks. */
async function checkServer(tx: postgres.TransactionSql): Promise<void> {
  const [server] = await tx<{ version: number; vector: boolean }[]>`
    SELECT current_setting('server_version_num')::int AS version,
           EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') AS vector`;
  if (server!.version < 150000) {
    throw new MigrationError(`crm-agents needs PostgreSQL 15 or later; this server is ${server!.version}.`);
  }
  if (!server!.vector) {
    throw new MigrationError(
      "The pgvector extension is not installed on this Postgres server. Install it " +
        "(for example the postgresql-<version>-pgvector package, or the pgvector/pgvector Docker image).",
    );
  }
}
