import { createHash } from "node:crypto";
import type { Sql } from "../db/index.ts";
import type { Embedder } from "./embedder.ts";
import { SEARCH_DIMENSIONS } from "./vector-sql.ts";

const EMBEDDER_ID = /^[a-z0-9-]+$/;

/** `embeddings_hnsw_<id with _>`, shortened with a hash of the id past Postgres's 63-byte limit. */
export function hnswIndexName(embedderId: string): string {
  const name = `embeddings_hnsw_${embedderId.replaceAll("-", "_")}`;
  if (name.length <= 63) return name;
  const digest = createHash("sha256").update(embedderId).digest("hex").slice(0, 8);
  return `${name.slice(0, 54)}_${digest}`;
}

/**
 * Creates, if missing, a partial HNSW index (cosine) over one embedder's rows. Each embedder
 * gets its own index because vectors of different embedders (and dimensions) must not share
 * a graph; `searchSimilar` uses the same expression and predicate so the planner can pick it.
 * Also refreshes the table's planner statistics (ANALYZE): without them, as on a freshly
 * loaded PGlite that has no autovacuum, the planner underestimates the embedder's rows and
 * prefers a full sort to the index. Returns the index name.
 */
export async function ensureHnswIndex(
  sql: Sql,
  embedder: Pick<Embedder, "id" | "dimensions">,
): Promise<string> {
  const { id, dimensions } = embedder;
  if (!EMBEDDER_ID.test(id))
    throw new RangeError(`embedder id must match ${EMBEDDER_ID}, got ${JSON.stringify(id)}`);
  if (!Number.isInteger(dimensions) || !(SEARCH_DIMENSIONS as readonly number[]).includes(dimensions)) {
    throw new RangeError(`unsupported dimensions ${dimensions}; supported: ${SEARCH_DIMENSIONS.join(", ")}`);
  }
  const name = hnswIndexName(id);
  // DDL cannot bind parameters: the index name, the vector(<dim>) type modifier and the partial
  // index predicate must be literal text. They are built only from an id checked against
  // /^[a-z0-9-]+$/ (no quotes, no spaces) and a dimension from a fixed list, so nothing else
  // can reach the statement.
  await sql.unsafe(
    `CREATE INDEX IF NOT EXISTS ${name} ON embeddings ` +
      `USING hnsw ((embedding::vector(${dimensions})) vector_cosine_ops) WHERE embedder = '${id}'`,
  );
  await sql`ANALYZE embeddings`;
  return name;
}
