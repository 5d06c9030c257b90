import type postgres from "postgres";
import type { Sql } from "../store.ts";

/** A LangGraph store item of one tenant (protocol_store_items, migration 0019). */
export interface StoreItem {
  namespace: string[];
  key: string;
  value: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
  /** Cosine similarity to the search query, when there was one. */
  score?: number | null;
}

/** Writes an item (replacing the value and embedding of the same namespace and key). */
export async function putStoreItem(
  sql: Sql,
  i: {
    tenantId: string;
    namespace: string[];
    key: string;
    value: Record<string, unknown>;
    embedder: string | null;
    vector: string | null;
  },
): Promise<void> {
  await sql`
    INSERT INTO protocol_store_items (tenant_id, namespace, key, value, embedder, embedding)
    VALUES (${i.tenantId}, ${i.namespace}, ${i.key}, ${sql.json(i.value as postgres.JSONValue)}, ${i.embedder}, ${i.vector}::vector)
    ON CONFLICT (tenant_id, namespace, key) DO UPDATE
      SET value = EXCLUDED.value, embedder = EXCLUDED.embedder, embedding = EXCLUDED.embedding, updated_at = now()`;
}

export async function getStoreItem(
  sql: Sql,
  tenantId: string,
  namespace: string[],
  key: string,
): Promise<StoreItem | null> {
  const [row] = await sql<StoreItem[]>`
    SELECT namespace, key, value, created_at, updated_at FROM protocol_store_items
    WHERE tenant_id = ${tenantId} AND namespace = ${namespace} AND key = ${key}`;
  return row ?? null;
}

export async function deleteStoreItem(
  sql: Sql,
  tenantId: string,
  namespace: string[],
  key: string,
): Promise<boolean> {
  const rows = await sql`
    DELETE FROM protocol_store_items WHERE tenant_id = ${tenantId} AND namespace = ${namespace} AND key = ${key} RETURNING key`;
  return rows.length > 0;
}

/**
 * Items under a namespace prefix whose value contains `filter` (jsonb containment); with a query
 * vector, nearest first (cosine, same embedder only) with their score, else newest first.
 */
export function searchStoreItems(
  sql: Sql,
  q: {
    tenantId: string;
    prefix: string[];
    filter: Record<string, unknown>;
    limit: number;
    offset: number;
    query?: { embedder: string; vector: string };
  },
): Promise<StoreItem[]> {
  const base = sql`
    tenant_id = ${q.tenantId} AND namespace[1:${q.prefix.length}] = ${q.prefix}
    AND value @> ${sql.json(q.filter as postgres.JSONValue)}`;
  if (q.query)
    return sql<StoreItem[]>`
      SELECT namespace, key, value, created_at, updated_at, 1 - (embedding <=> ${q.query.vector}::vector) AS score
      FROM protocol_store_items WHERE ${base} AND embedder = ${q.query.embedder}
      ORDER BY embedding <=> ${q.query.vector}::vector, key LIMIT ${q.limit} OFFSET ${q.offset}`;
  return sql<StoreItem[]>`
    SELECT namespace, key, value, created_at, updated_at, NULL::float8 AS score FROM protocol_store_items
    WHERE ${base} ORDER BY updated_at DESC, key LIMIT ${q.limit} OFFSET ${q.offset}`;
}

/** The distinct namespaces (cut at `maxDepth`) under `prefix` and ending in `suffix`. */
export async function listStoreNamespaces(
  sql: Sql,
  q: {
    tenantId: string;
    prefix: string[];
    suffix: string[];
    maxDepth: number | null;
    limit: number;
    offset: number;
  },
): Promise<string[][]> {
  const rows = await sql<{ ns: string[] }[]>`
    SELECT DISTINCT (CASE WHEN ${q.maxDepth}::int IS NULL THEN namespace ELSE namespace[1:${q.maxDepth}::int] END) AS ns
    FROM protocol_store_items
    WHERE tenant_id = ${q.tenantId} AND namespace[1:${q.prefix.length}] = ${q.prefix}
      AND (${q.suffix.length} = 0 OR namespace[cardinality(namespace) - ${q.suffix.length} + 1:] = ${q.suffix})
    ORDER BY ns LIMIT ${q.limit} OFFSET ${q.offset}`;
  return rows.map((r) => r.ns);
}
