import type postgres from "postgres";
import { withTenant } from "../db/index.ts";
import type { Embedder } from "./embedder.ts";
import type { EntityKind } from "./store.ts";
import { cosineDistance, toVectorText } from "./vector-sql.ts";

export interface SearchOptions {
  /** Only this tenant's rows are searched (row-level security and an explicit predicate). */
  tenantId: string;
  /** The embedder that produced `queryVector`; only its rows are compared. */
  embedder: Pick<Embedder, "id" | "dimensions">;
  queryVector: number[];
  /** Number of results. */
  k: number;
  entityKind?: EntityKind;
  /** Rows whose metadata contains this object (jsonb `@>`). */
  filter?: Record<string, unknown>;
  /** HNSW candidate list size (hnsw.ef_search); pgvector's default is 40. Ignored by exactSearch. */
  efSearch?: number;
}

export interface SearchHit {
  entity_id: string;
  chunk: number;
  content: string;
  metadata: Record<string, unknown>;
  /** Cosine distance, 0 (same direction) to 2. */
  distance: number;
}

/**
 * The k nearest chunks by cosine distance, nearest first, through the embedder's HNSW index
 * when it exists (`ensureHnswIndex`): approximate. Filtered searches keep scanning the index
 * (iterative scan) until k rows pass or `hnsw.max_scan_tuples` is reached.
 */
export function searchSimilar(sql: postgres.Sql, options: SearchOptions): Promise<SearchHit[]> {
  return withTenant(sql, options.tenantId, async (tx) => {
    // Tenant, kind and metadata predicates are applied to the index's candidates: without
    // iterative scans (pgvector >= 0.8) a selective filter leaves fewer than k of ef_search.
    await tx`SELECT set_config('hnsw.iterative_scan', 'strict_order', true)`;
    if (options.efSearch !== undefined) {
      await tx`SELECT set_config('hnsw.ef_search', ${String(options.efSearch)}, true)`;
    }
    return query(tx, options);
  });
}

/** The same search by a full scan: exact, for measuring the recall of `searchSimilar`. */
export function exactSearch(sql: postgres.Sql, options: SearchOptions): Promise<SearchHit[]> {
  return withTenant(sql, options.tenantId, async (tx) => {
    await tx`SET LOCAL enable_indexscan = off`;
    return query(tx, options);
  });
}

function query(tx: postgres.TransactionSql, options: SearchOptions): Promise<SearchHit[]> {
  const { tenantId, embedder, k, entityKind, filter } = options;
  if (options.queryVector.length !== embedder.dimensions) {
    throw new RangeError(
      `query vector has ${options.queryVector.length} dimensions, embedder ${embedder.dimensions}`,
    );
  }
  const distance = cosineDistance(tx, embedder.dimensions, toVectorText(options.queryVector));
  return tx<SearchHit[]>`
    SELECT entity_id, chunk, content, metadata, (${distance})::float8 AS distance
    FROM embeddings
    WHERE tenant_id = ${tenantId} AND embedder = ${embedder.id}
      ${entityKind ? tx`AND entity_kind = ${entityKind}` : tx``}
      ${filter ? tx`AND metadata @> ${tx.json(filter as postgres.JSONValue)}` : tx``}
    ORDER BY ${distance}
    LIMIT ${k}`;
}
