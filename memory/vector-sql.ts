import type { Sql } from "../db/index.ts";

/**
 * Dimensions the store can search. The `embedding` column is an untyped `vector`; an HNSW index
 * and the query that uses it need the same `embedding::vector(<dim>)` expression, and a type
 * modifier cannot be a bind parameter. Each dimension therefore has its own fixed fragment
 * rather than SQL built from a number.
 */
export const SEARCH_DIMENSIONS = [128, 256, 384, 512, 768, 1024, 1536] as const;

/** `embedding::vector(<dim>) <=> $n::vector(<dim>)`: cosine distance, in the index's form. */
export function cosineDistance(sql: Sql, dimensions: number, query: string) {
  switch (dimensions) {
    case 128:
      return sql`embedding::vector(128) <=> ${query}::vector(128)`;
    case 256:
      return sql`embedding::vector(256) <=> ${query}::vector(256)`;
    case 384:
      return sql`embedding::vector(384) <=> ${query}::vector(384)`;
    case 512:
      return sql`embedding::vector(512) <=> ${query}::vector(512)`;
    case 768:
      return sql`embedding::vector(768) <=> ${query}::vector(768)`;
    case 1024:
      return sql`embedding::vector(1024) <=> ${query}::vector(1024)`;
    case 1536:
      return sql`embedding::vector(1536) <=> ${query}::vector(1536)`;
    default:
      throw new RangeError(
        `no search for ${dimensions}-dimension vectors; supported: ${SEARCH_DIMENSIONS.join(", ")}`,
      );
  }
}

/** pgvector's text form, "[0.1,-0.2,…]"; rejects NaN and infinities, which pgvector refuses. */
export function toVectorText(vector: number[]): string {
  for (const x of vector) {
    if (!Number.isFinite(x)) throw new RangeError(`vector component is not finite: ${x}`);
  }
  return `[${vector.join(",")}]`;
}
