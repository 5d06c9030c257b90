import type { ClassifierArtifact } from "./artifact.ts";
import { decodeAscending, decodeUints, dequantise } from "./codec.ts";
import { columnIndex, hashedTerms, makeVocabulary, vectorize } from "./featurize.ts";

/** One class with its probability. */
export interface ClassProbability {
  label: string;
  probability: number;
}

/** The classifier's answer for one text. */
export interface Prediction {
  /** The most probable class. */
  label: string;
  /** Its probability: the confidence an agent compares with its "do not guess below" threshold. */
  confidence: number;
  /** The k most probable classes, most probable first (ties in class order). */
  top: ClassProbability[];
}

/** A loaded classifier: decodes the artifact once, then featurises and scores texts. */
export interface TextClassifier {
  version: string;
  classes: readonly string[];
  /** Probability of every class (in `classes` order): softmax of the decision scores / temperature. */
  probabilities(text: string): Float64Array;
  /** The top-`k` classes of a text (default 3). */
  predict(text: string, k?: number): Prediction;
}

/**
 * Builds the classifier an artifact describes. Every prediction, including the evals', goes
 * through the decoded (quantised) weights, so a round-tripped artifact predicts identically.
 */
export function loadClassifier(artifact: ClassifierArtifact): TextClassifier {
  const { classes, featurizer, temperature } = artifact;
  const K = classes.length;
  const buckets = decodeAscending(artifact.vocabulary.buckets);
  const df = decodeUints(artifact.vocabulary.df);
  const weights = dequantise(artifact.weights);
  const D = artifact.vocabulary.size;
  if (
    buckets.length !== D ||
    df.length !== D ||
    weights.length !== (D + 1) * K ||
    artifact.weights.scales.length !== K
  )
    throw new Error(
      `classifier ${artifact.version}: vocabulary or weights do not match ${D} columns × ${K} classes`,
    );
  const vocabulary = makeVocabulary(buckets, df, artifact.vocabulary.docs);
  const columns = columnIndex(vocabulary);

  const probabilities = (text: string): Float64Array => {
    const row = vectorize(hashedTerms(text, featurizer), vocabulary, columns);
    const z = Float64Array.from(weights.subarray(D * K, D * K + K)); // the bias row
    for (let t = 0; t < row.cols.length; t++) {
      const base = row.cols[t]! * K;
      for (let k = 0; k < K; k++) z[k] = z[k]! + row.vals[t]! * weights[base + k]!;
    }
    let max = -Infinity;
    for (let k = 0; k < K; k++) max = Math.max(max, (z[k] = z[k]! / temperature));
    let sum = 0;
    for (let k = 0; k < K; k++) sum += z[k] = Math.exp(z[k]! - max);
    for (let k = 0; k < K; k++) z[k] = z[k]! / sum;
    return z;
  };

  return {
    version: artifact.version,
    classes,
    probabilities,
    predict(text, k = 3) {
      const p = probabilities(text);
      const order = Array.from(classes.keys()).sort((a, b) => p[b]! - p[a]! || a - b);
      const top = order.slice(0, Math.max(1, k)).map((i) => ({ label: classes[i]!, probability: p[i]! }));
      return { label: top[0]!.label, confidence: top[0]!.probability, top };
    },
  };
}
