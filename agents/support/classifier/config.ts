import { z } from "zod";

/**
 * How text becomes features, as data: it is stored in the artifact and hashed into its version,
 * so a classifier always featurises queries exactly as it was trained.
 */
export const featurizerConfigSchema = z.object({
  /** The feature extraction: memory/embedders/features.ts (words, word bigrams, char 3–5-grams). */
  kind: z.literal("hashed-ngram-tfidf/1"),
  /** Features are hashed into 2^hashBits buckets; only buckets seen in training get a column. */
  hashBits: z.number().int().min(8).max(26),
  /** Weight of each feature kind before normalisation: w word, b word bigram, c char n-gram. */
  kindWeights: z.object({ w: z.number().min(0), b: z.number().min(0), c: z.number().min(0) }),
  /** 1 + log(tf) instead of raw counts. */
  sublinearTf: z.boolean(),
  /** A bucket gets a column only if at least this many training texts contain it. */
  minDf: z.number().int().min(1),
});
export type FeaturizerConfig = z.infer<typeof featurizerConfigSchema>;

/**
 * Defaults: a 2^20 space (collisions are rare at BANKING77's ~10^5 distinct n-grams), damped
 * char n-grams (they outnumber words about tenfold), sublinear TF, buckets seen at least twice
 * (a feature seen once cannot generalise and only grows the artifact).
 */
export const DEFAULT_FEATURIZER: FeaturizerConfig = {
  kind: "hashed-ngram-tfidf/1",
  hashBits: 20,
  kindWeights: { w: 1, b: 1, c: 0.7 },
  sublinearTf: true,
  minDf: 2,
};
