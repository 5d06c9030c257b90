// The shared offline feature extraction (words, bigrams, char n-grams) — one featuriser in the
// codebase; this module only hashes, weights and normalises its output for a linear model.
import { textFeatures as features, hash32 } from "../../../memory/index.ts";
import type { FeaturizerConfig } from "./config.ts";

/** One text as a sparse row: column indices (ascending) and values (L2 norm 1, or all zero). */
export interface SparseRow {
  cols: Int32Array;
  vals: Float64Array;
}

/** The fitted part of the featuriser: which hash buckets have a column, and their IDF. */
export interface Vocabulary {
  /** Hash buckets with a column, ascending; column j is buckets[j]. */
  buckets: Int32Array;
  /** Training texts containing each column's bucket. */
  df: Int32Array;
  /** Smoothed IDF of each column: ln((1 + docs) / (1 + df)) + 1, as in scikit-learn. */
  idf: Float64Array;
}

/** A vocabulary from its buckets and document frequencies over `docs` texts (IDF derived). */
export function makeVocabulary(buckets: ArrayLike<number>, df: ArrayLike<number>, docs: number): Vocabulary {
  return {
    buckets: Int32Array.from(buckets),
    df: Int32Array.from(df),
    idf: Float64Array.from(df, (n) => Math.log((1 + docs) / (1 + n)) + 1),
  };
}

/** Bucket → weighted term frequency of one text, before IDF (all buckets, fitted or not). */
export function hashedTerms(text: string, config: FeaturizerConfig): Terms {
  const mask = 2 ** config.hashBits - 1;
  const out = new Map<number, number>();
  for (const [f, tf] of features(text)) {
    const weight = (config.sublinearTf ? 1 + Math.log(tf) : tf) * config.kindWeights[f[0] as "w" | "b" | "c"];
    if (weight === 0) continue;
    const bucket = hash32(f) & mask;
    out.set(bucket, (out.get(bucket) ?? 0) + weight);
  }
  return out;
}

/** The weighted terms of one text, computed once and reused across folds (hashedTerms). */
export type Terms = Map<number, number>;

/** Document frequencies over the texts' terms; buckets in at least `minDf` texts get a column. */
export function fitVocabulary(docs: readonly Terms[], config: FeaturizerConfig): Vocabulary {
  const df = new Map<number, number>();
  for (const terms of docs) for (const b of terms.keys()) df.set(b, (df.get(b) ?? 0) + 1);
  const kept = [...df.entries()].filter(([, n]) => n >= config.minDf).sort((a, b) => a[0] - b[0]);
  return makeVocabulary(
    kept.map(([b]) => b),
    kept.map(([, n]) => n),
    docs.length,
  );
}

/** Column of each bucket, for vectorize. */
export function columnIndex(vocabulary: Vocabulary): Map<number, number> {
  return new Map(Array.from(vocabulary.buckets, (b, j) => [b, j]));
}

/**
 * Terms as TF-IDF over the vocabulary's columns, L2-normalised. Buckets without a column are
 * dropped before normalising, so a text made only of unseen n-grams is the zero row.
 */
export function vectorize(terms: Terms, vocabulary: Vocabulary, columns: Map<number, number>): SparseRow {
  const entries: [number, number][] = [];
  for (const [bucket, tf] of terms) {
    const j = columns.get(bucket);
    if (j !== undefined) entries.push([j, tf * vocabulary.idf[j]!]);
  }
  entries.sort((a, b) => a[0] - b[0]);
  let norm = 0;
  for (const [, v] of entries) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  return {
    cols: Int32Array.from(entries, ([j]) => j),
    vals: Float64Array.from(entries, ([, v]) => v / norm),
  };
}
