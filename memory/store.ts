import { bulkInsert, type Sql } from "../db/index.ts";
import { toVectorText } from "./vector-sql.ts";

/** Entity kinds the `embeddings` table accepts (migration 0005). */
export type EntityKind = "activity" | "ticket" | "kb_article" | "account" | "lead" | "deal" | "contact";

/** One chunk of one entity, embedded by one embedder. */
export interface EmbeddingRow {
  tenantId: string;
  entityKind: EntityKind;
  entityId: string;
  /** Chunk number within the entity, from 0. */
  chunk: number;
  /** The embedder's id; rows of different embedders are never compared. */
  embedder: string;
  content: string;
  /** Searchable with `filter` (jsonb containment). Default {}. */
  metadata?: Record<string, unknown>;
  embedding: number[];
}

const CONFLICT = { columns: ["tenant_id", "entity_kind", "entity_id", "chunk", "embedder"] };

/**
 * Writes embeddings, replacing the content, metadata and vector of a row that already exists
 * for the same (tenant, entity, chunk, embedder): re-embedding an entity is idempotent.
 * Returns the number of rows written.
 */
export function upsertEmbeddings(sql: Sql, rows: EmbeddingRow[]): Promise<number> {
  return bulkInsert(
    sql,
    "embeddings",
    rows.map((r) => ({
      tenant_id: r.tenantId,
      entity_kind: r.entityKind,
      entity_id: r.entityId,
      chunk: r.chunk,
      embedder: r.embedder,
      content: r.content,
      metadata: r.metadata ?? {},
      embedding: toVectorText(r.embedding),
    })),
    { conflict: CONFLICT },
  );
}
