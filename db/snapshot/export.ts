import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tableColumns } from "../bulk.ts";
import { getTenant } from "../queries/tenants.ts";
import type { Sql } from "../store.ts";
import { SNAPSHOT_FORMAT, SNAPSHOT_TABLES, SNAPSHOT_VERSION, type Manifest } from "./format.ts";

export interface ExportOptions {
  /** Rows fetched per round trip (default 2,000). */
  batchSize?: number;
  onProgress?: (table: string, rows: number) => void;
}

/**
 * Writes one tenant's rows to `dir` as a snapshot (see format.ts), streaming each table through a
 * cursor so a large tenant never sits in memory. Returns the manifest.
 */
export async function exportSnapshot(
  sql: Sql,
  tenantRef: string,
  dir: string,
  options: ExportOptions = {},
): Promise<Manifest> {
  const tenant = await getTenant(sql, tenantRef);
  await mkdir(dir, { recursive: true });
  const [schema] = await sql<
    { version: number }[]
  >`SELECT max(version)::int AS version FROM schema_migrations`;
  const manifest: Manifest = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    schema_version: schema?.version ?? 0,
    exported_at: new Date().toISOString(),
    tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
    tables: {},
  };
  for (const { table, order } of SNAPSHOT_TABLES) {
    const file = `${table}.jsonl`;
    const out = createWriteStream(join(dir, file));
    const tenantColumn = table === "tenants" ? "id" : "tenant_id";
    let rows = 0;
    const cursor = sql<{ row: string }[]>`
      SELECT to_jsonb(t)::text AS row FROM ${sql(table)} t
      WHERE ${sql(tenantColumn)} = ${tenant.id}
      ORDER BY ${sql.unsafe(order) /* a constant from SNAPSHOT_TABLES */}`.cursor(options.batchSize ?? 2_000);
    for await (const batch of cursor) {
      const chunk = batch.map((r) => r.row).join("\n") + "\n";
      if (!out.write(chunk)) await once(out, "drain");
      rows += batch.length;
      options.onProgress?.(table, rows);
    }
    out.end();
    await once(out, "finish");
    const columns = (await tableColumns(sql, table)).map((c) => c.name);
    manifest.tables[table] = { file, rows, columns };
  }
  await writeFile(join(dir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}
