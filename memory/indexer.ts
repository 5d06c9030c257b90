import type postgres from "postgres";
import { withTenant } from "../db/index.ts";
import { chunkText, type ChunkOptions } from "./chunk.ts";
import type { CorpusDocument } from "./corpus.ts";
import type { Embedder } from "./embedder.ts";
import { upsertEmbeddings, type EmbeddingRow } from "./store.ts";

/**
 * Chunks, embeds and upserts documents under one embedder, and deletes chunks an entity no
 * longer has (its text got shorter). Idempotent: indexing the same documents twice writes the
 * same rows. Returns the number of chunks written.
 */
export async function indexDocuments(
  sql: postgres.Sql,
  tenantId: string,
  embedder: Embedder,
  docs: CorpusDocument[],
  chunking: ChunkOptions = {},
): Promise<number> {
  const pieces = docs.flatMap((doc) =>
    chunkText(doc.text, chunking).map((content, chunk) => ({ doc, chunk, content })),
  );
  if (pieces.length === 0) return 0;
  // embedding happens outside the transaction: a remote embedder must not hold the store
  const vectors = await embedder.embed(pieces.map((p) => p.content));
  const rows: EmbeddingRow[] = pieces.map((p, i) => ({
    tenantId,
    entityKind: p.doc.entityKind,
    entityId: p.doc.entityId,
    chunk: p.chunk,
    embedder: embedder.id,
    content: p.content,
    metadata: p.doc.metadata,
    embedding: vectors[i]!,
  }));
  const perDoc = new Map<CorpusDocument, number>();
  for (const p of pieces) perDoc.set(p.doc, (perDoc.get(p.doc) ?? 0) + 1);
  const chunkCounts = docs.map((doc) => ({
    kind: doc.entityKind,
    id: doc.entityId,
    n: perDoc.get(doc) ?? 0,
  }));
  await withTenant(sql, tenantId, async (tx) => {
    await upsertEmbeddings(tx, rows);
    await tx`
      DELETE FROM embeddings e
      USING jsonb_to_recordset(${sql.json(chunkCounts)}) AS d(kind text, id uuid, n int)
      WHERE e.tenant_id = ${tenantId} AND e.embedder = ${embedder.id}
        AND e.entity_kind = d.kind AND e.entity_id = d.id AND e.chunk >= d.n`;
  });
  return rows.length;
}
