/**
 * Turns texts into vectors. `id` names the embedder and everything that shapes its vectors
 * (model, dimension, fitted state): vectors from different ids are never compared, and the
 * `embeddings` table keeps each id's rows apart.
 */
export interface Embedder {
  /** Stable identifier, lower-case letters, digits and dashes (it names an index). */
  id: string;
  /** Length of every vector `embed` returns. */
  dimensions: number;
  /** One vector per text, in order. */
  embed(texts: string[]): Promise<number[][]>;
}
