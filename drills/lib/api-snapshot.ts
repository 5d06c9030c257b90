import type { Sql } from "../../db/index.ts";

/** Row count and an md5 over the rows' text, per table: equal snapshots mean unchanged rows. */
export type Snapshot = Record<string, { rows: number; md5: string }>;

/**
 * A checksum of every row of `tenantId` in every table with a `tenant_id` column (found in the
 * catalog, so a new table is covered), and of the LangGraph checkpoints of the tenant's runs
 * (threads = run ids). Read on the system connection, which row-level security does not filter.
 */
export async function snapshotTenant(sql: Sql, tenantId: string): Promise<Snapshot> {
  const tables = await sql<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.columns
    WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY table_name`;
  const out: Snapshot = {};
  for (const { table_name } of tables) {
    const [r] = await sql<{ rows: number; md5: string }[]>`
      SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS md5
      FROM ${sql(table_name)} t WHERE tenant_id = ${tenantId}`;
    out[table_name] = r!;
  }
  const runs = sql`SELECT id::text FROM agent_runs WHERE tenant_id = ${tenantId}`;
  const threads = await sql<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.columns
    WHERE table_schema = 'langgraph' AND column_name = 'thread_id' ORDER BY table_name`;
  for (const { table_name } of threads) {
    const [r] = await sql<{ rows: number; md5: string }[]>`
      SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS md5
      FROM ${sql("langgraph")}.${sql(table_name)} t WHERE thread_id IN (${runs})`;
    out[`langgraph.${table_name}`] = r!;
  }
  return out;
}

/** Tables whose rows differ between two snapshots. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  return Object.keys({ ...before, ...after }).filter(
    (t) => before[t]?.md5 !== after[t]?.md5 || before[t]?.rows !== after[t]?.rows,
  );
}
