import type postgres from "postgres";
import type { ChunkOptions } from "./chunk.ts";
import { CORPUS_KINDS, readCorpus, type CorpusKind } from "./corpus.ts";
import type { Embedder } from "./embedder.ts";
import { ensureHnswIndex } from "./hnsw.ts";
import { indexDocuments } from "./indexer.ts";
import { activateIndex, startIndex } from "./indexes.ts";

export interface BuildOptions {
  /** The embedder's fitted state, stored with the index (offline embedders). Default null. */
  state?: unknown;
  kinds?: readonly CorpusKind[];
  /** Documents read and embedded per step. Default 500. */
  pageSize?: number;
  chunking?: ChunkOptions;
  /** Called after each page with the documents and chunks done so far. */
  onProgress?: (done: { entities: number; chunks: number }) => void;
}

export interface BuildResult {
  embedder: string;
  entities: number;
  chunks: number;
  /** Indexes this build replaced; their vectors are gone. */
  retired: string[];
  deletedVectors: number;
}

/**
 * Builds the tenant's semantic memory under `embedder` and makes it the active index. The
 * previous index stays active (and searchable) until the new one is complete; a build that
 * crashes is resumed by running it again (every write is an upsert).
 */
export async function buildIndex(
  sql: postgres.Sql,
  tenantId: string,
  embedder: Embedder,
  options: BuildOptions = {},
): Promise<BuildResult> {
  await startIndex(sql, tenantId, embedder, options.state ?? null);
  let entities = 0;
  let chunks = 0;
  for (const kind of options.kinds ?? CORPUS_KINDS) {
    for await (const docs of readCorpus(sql, tenantId, kind, options.pageSize)) {
      chunks += await indexDocuments(sql, tenantId, embedder, docs, options.chunking);
      entities += docs.length;
      options.onProgress?.({ entities, chunks });
    }
  }
  await ensureHnswIndex(sql, embedder);
  const { retired, deletedVectors } = await activateIndex(sql, tenantId, embedder.id, { entities, chunks });
  return { embedder: embedder.id, entities, chunks, retired, deletedVectors };
}
