import { createHash } from "node:crypto";
import { z } from "zod";
import {
  classifierArtifactSchema,
  loadClassifier,
  trainClassifier,
  type ClassifierArtifact,
  type TextClassifier,
} from "./classifier/index.ts";
import { TriageModelError } from "./errors.ts";

/** The stored format of a triage bundle (one row of score_models). */
export const TRIAGE_MODEL_FORMAT = "crm-support-triage/1";
const FOLDS = 3;

/** A recorded ticket with the labels a person gave it (never the agent's own triage). */
export interface LabelledTicketRow {
  key: string;
  text: string;
  category: string | null;
  priority: string | null;
  queue: string | null;
}

const queueShareSchema = z.object({ queue: z.string(), share: z.number(), count: z.number().int() });

/**
 * Everything triage learns from a tenant's labelled history: the intent classifier (category),
 * the priority classifier (null when the history has fewer than two priorities with enough rows),
 * and the queue each intent was routed to most often, with its share.
 */
export const triageModelSchema = z.object({
  format: z.literal(TRIAGE_MODEL_FORMAT),
  version: z.string(),
  intent: classifierArtifactSchema,
  priority: classifierArtifactSchema.nullable(),
  queueByIntent: z.record(z.string(), queueShareSchema),
  rows: z.number().int(),
});
export type TriageModel = z.infer<typeof triageModelSchema>;

/** A triage model ready to predict. */
export interface LoadedTriageModel {
  version: string;
  intent: TextClassifier;
  priority: TextClassifier | null;
  queueByIntent: TriageModel["queueByIntent"];
}

/** Why no model could be trained (too few rows or classes), or null when one can. */
export function trainingBlocker(rows: readonly LabelledTicketRow[], minRows: number): string | null {
  const usable = keepTrainable(rows, "category");
  if (usable.length < minRows)
    return `${usable.length} labelled tickets with an intent in classes of ≥ ${FOLDS} (need ${minRows})`;
  if (new Set(usable.map((r) => r.label)).size < 2) return "the labelled tickets have fewer than two intents";
  return null;
}

/**
 * Trains the triage bundle on labelled tickets. Classes with fewer than three examples are left
 * out (3-fold cross-validation needs them in every fold). Deterministic: same rows, same version.
 */
export function trainTriageModel(rows: readonly LabelledTicketRow[], name: string): TriageModel {
  const intentRows = keepTrainable(rows, "category");
  const intent = trainClassifier(intentRows, { name: `${name}-intent`, target: "category" }).artifact;
  const priorityRows = keepTrainable(rows, "priority");
  const priority =
    new Set(priorityRows.map((r) => r.label)).size >= 2
      ? trainClassifier(priorityRows, { name: `${name}-priority`, target: "priority" }).artifact
      : null;
  const queueByIntent = majorityQueues(rows);
  const version = `${name}-${createHash("sha256")
    .update(JSON.stringify([intent.version, priority?.version ?? null, queueByIntent]))
    .digest("hex")
    .slice(0, 12)}`;
  return { format: TRIAGE_MODEL_FORMAT, version, intent, priority, queueByIntent, rows: intentRows.length };
}

/** Reads a stored bundle (TriageModelError naming the first bad field otherwise). */
export function parseTriageModel(stored: unknown): TriageModel {
  const parsed = triageModelSchema.safeParse(stored);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new TriageModelError(`${issue.path.join(".") || "(root)"}: ${issue.message}`);
}

export function loadTriageModel(m: TriageModel): LoadedTriageModel {
  return {
    version: m.version,
    intent: loadClassifier(m.intent),
    priority: m.priority ? loadClassifier(m.priority) : null,
    queueByIntent: m.queueByIntent,
  };
}

/** Metrics stored beside the bundle. */
export const triageMetrics = (m: TriageModel) => ({
  rows: m.rows,
  intentClasses: m.intent.classes.length,
  intentCvAccuracy: m.intent.training.cvAccuracy,
  priorityCvAccuracy: m.priority?.training.cvAccuracy ?? null,
});

function keepTrainable(rows: readonly LabelledTicketRow[], label: "category" | "priority") {
  const labelled = rows.flatMap((r) => (r[label] ? [{ key: r.key, text: r.text, label: r[label]! }] : []));
  const counts = new Map<string, number>();
  for (const r of labelled) counts.set(r.label, (counts.get(r.label) ?? 0) + 1);
  return labelled.filter((r) => counts.get(r.label)! >= FOLDS);
}

function majorityQueues(rows: readonly LabelledTicketRow[]): TriageModel["queueByIntent"] {
  const tally = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (!r.category || !r.queue) continue;
    const q = tally.get(r.category) ?? new Map<string, number>();
    q.set(r.queue, (q.get(r.queue) ?? 0) + 1);
    tally.set(r.category, q);
  }
  const out: TriageModel["queueByIntent"] = {};
  for (const [intent, queues] of [...tally].sort((a, b) => a[0].localeCompare(b[0]))) {
    const total = [...queues.values()].reduce((s, n) => s + n, 0);
    const [queue, count] = [...queues].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!;
    out[intent] = { queue, count, share: Math.round((count / total) * 1000) / 1000 };
  }
  return out;
}

export type { ClassifierArtifact };
