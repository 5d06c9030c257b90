import type { Prediction } from "./classifier/index.ts";

export const PRIORITIES = ["low", "medium", "high", "critical"] as const;
export type Priority = (typeof PRIORITIES)[number];

/** A ticket's priority with a confidence and where it came from. */
export interface PriorityGuess {
  value: Priority;
  confidence: number;
  basis: string;
}

/** Words that mean "we are blocked now", in the languages the tenant's tickets come in. */
const URGENT =
  /\b(urgent|asap|outage|down|locked out|cannot work|nobody can|dringend|umgehend|ausgefallen|urgente|bloqu[ée]s?)\b/i;

const asPriority = (x: string | null | undefined): Priority | null =>
  (PRIORITIES as readonly string[]).includes(x ?? "") ? (x as Priority) : null;

/**
 * The priority: the tenant's priority classifier when there is one (its top class and
 * probability), else the ticket's recorded priority (confidence 0.5), else medium (0.25 — one of
 * four). Explicit rules on top: an urgency cue raises it to at least high; a negative sentiment
 * of confidence ≥ 0.8 raises it one level. A raised priority keeps the classifier's confidence
 * in the level it replaced, capped at 0.7 (the rule is a judgement, not a measurement).
 */
export function decidePriority(
  text: string,
  predicted: Prediction | null,
  recorded: string | null,
  sentiment: { value: string; confidence: number },
): PriorityGuess {
  const fromModel = predicted ? asPriority(predicted.label) : null;
  let value: Priority = fromModel ?? asPriority(recorded) ?? "medium";
  let confidence = fromModel ? predicted!.confidence : asPriority(recorded) ? 0.5 : 0.25;
  const basis = [fromModel ? "priority classifier" : asPriority(recorded) ? "recorded priority" : "default"];
  const raise = (to: Priority, why: string) => {
    if (PRIORITIES.indexOf(to) <= PRIORITIES.indexOf(value)) return;
    value = to;
    confidence = Math.min(0.7, Math.max(confidence, 0.5));
    basis.push(why);
  };
  const cue = URGENT.exec(text);
  if (cue) raise("high", `urgency cue "${cue[0]}"`);
  if (sentiment.value === "negative" && sentiment.confidence >= 0.8)
    raise(PRIORITIES[Math.min(3, PRIORITIES.indexOf(value) + 1)]!, "strongly negative sentiment");
  return { value, confidence: Math.round(confidence * 1000) / 1000, basis: basis.join(", ") };
}
