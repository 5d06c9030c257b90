export interface ChunkOptions {
  /** Words per chunk. Default 200. */
  size?: number;
  /** Words shared by consecutive chunks, so a sentence cut at a boundary is whole in one. Default 40. */
  overlap?: number;
}

/**
 * Splits text into overlapping chunks of whole words (whitespace-separated). A text of at most
 * `size` words is one chunk; an empty text gives none. Chunk i starts at word i × (size − overlap).
 */
export function chunkText(text: string, options: ChunkOptions = {}): string[] {
  const { size = 200, overlap = 40 } = options;
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`size must be a positive integer, got ${size}`);
  if (!Number.isInteger(overlap) || overlap < 0 || overlap >= size) {
    throw new RangeError(`overlap must be an integer in 0..size-1, got ${overlap}`);
  }
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const chunks: string[] = [];
  const step = size - overlap;
  for (let start = 0; start < words.length; start += step) {
    chunks.push(words.slice(start, start + size).join(" "));
    if (start + size >= words.length) break;
  }
  return chunks;
}
