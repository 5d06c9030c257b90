export { accuracy, macroF1, perClassScores } from "../../agents/support/classifier/index.ts";
export type { ClassScore } from "../../agents/support/classifier/index.ts";

/** A confusion matrix: `counts[g][p]` rows of gold class `labels[g]` predicted as `labels[p]`. */
export interface ConfusionMatrix {
  labels: string[];
  counts: number[][];
}

/** The full confusion matrix over the labels seen in gold or predictions, sorted. */
export function confusionMatrix(gold: readonly string[], predicted: readonly string[]): ConfusionMatrix {
  if (gold.length !== predicted.length)
    throw new RangeError(`confusionMatrix: ${gold.length} gold labels for ${predicted.length} predictions`);
  const labels = [...new Set([...gold, ...predicted])].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  const counts = labels.map(() => labels.map(() => 0));
  gold.forEach((g, i) => counts[index.get(g)!]![index.get(predicted[i]!)!]!++);
  return { labels, counts };
}
