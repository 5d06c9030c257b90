import type postgres from "postgres";
import { withTenant } from "../db/index.ts";
import type { Embedder } from "./embedder.ts";

/** A row of `memory_indexes` (migration 0007). */
export interface MemoryIndex {
  embedder: string;
  dimensions: number;
  /** The fitted state of an offline embedder (HashingEmbedder.toJSON()), null for remote ones. */
  state: unknown;
  status: "building" | "active" | "retired";
  entities: number;
  chunks: number;
  built_at: Date | null;
}

/** The tenant's active index, or null before the first build. */
export async function activeIndex(sql: postgres.Sql, tenantId: string): Promise<MemoryIndex | null> {
  const rows = await withTenant(
    sql,
    tenantId,
    (tx) => tx<MemoryIndex[]>`
      SELECT embedder, dimensions, state, status, entities, chunks, built_at
      FROM memory_indexes WHERE tenant_id = ${tenantId} AND status = 'active'`,
  );
  return rows[0] ?? null;
}

/** The tenant's active index without its embedder state (which can be megabytes), or null. */
export async function activeIndexHead(
  sql: postgres.Sql,
  tenantId: string,
): Promise<{ embedder: string; dimensions: number } | null> {
  const rows = await withTenant(
    sql,
    tenantId,
    (tx) => tx<{ embedder: string; dimensions: number }[]>`
      SELECT embedder, dimensions FROM memory_indexes WHERE tenant_id = ${tenantId} AND status = 'active'`,
  );
  return rows[0] ?? null;
}

/** Every index the tenant has had, newest first. */
export function listIndexes(sql: postgres.Sql, tenantId: string): Promise<MemoryIndex[]> {
  return withTenant(
    sql,
    tenantId,
    (tx) => tx<MemoryIndex[]>`
      SELECT embedder, dimensions, state, status, entities, chunks, built_at
      FROM memory_indexes WHERE tenant_id = ${tenantId} ORDER BY created_at DESC, embedder`,
  );
}

/** Marks an index as being built (again); an active one stays active until `activateIndex`. */
export async function startIndex(
  sql: postgres.Sql,
  tenantId: string,
  embedder: Pick<Embedder, "id" | "dimensions">,
  state: unknown,
): Promise<void> {
  const stateJson = state === null ? null : sql.json(state as postgres.JSONValue);
  await withTenant(sql, tenantId, async (tx) => {
    await tx`
      INSERT INTO memory_indexes (tenant_id, embedder, dimensions, state, status)
      VALUES (${tenantId}, ${embedder.id}, ${embedder.dimensions}, ${stateJson}, 'building')
      ON CONFLICT (tenant_id, embedder) DO UPDATE
        SET state = EXCLUDED.state,
            status = CASE WHEN memory_indexes.status = 'active' THEN 'active' ELSE 'building' END`;
  });
}

/**
 * Makes `embedderId` the tenant's index: the previous one is retired and its vectors deleted in
 * the same transaction, so no search ever sees two embedders' vectors.
 */
export async function activateIndex(
  sql: postgres.Sql,
  tenantId: string,
  embedderId: string,
  counts: { entities: number; chunks: number },
): Promise<{ retired: string[]; deletedVectors: number }> {
  return withTenant(sql, tenantId, async (tx) => {
    const retired = await tx<{ embedder: string }[]>`
      UPDATE memory_indexes SET status = 'retired'
      WHERE tenant_id = ${tenantId} AND embedder <> ${embedderId} AND status <> 'retired'
      RETURNING embedder`;
    const deleted = await tx`
      DELETE FROM embeddings WHERE tenant_id = ${tenantId} AND embedder <> ${embedderId}`;
    await tx`
      UPDATE memory_indexes
      SET status = 'active', entities = ${counts.entities}, chunks = ${counts.chunks}, built_at = now()
      WHERE tenant_id = ${tenantId} AND embedder = ${embedderId}`;
    return { retired: retired.map((r) => r.embedder), deletedVectors: deleted.count };
  });
}
