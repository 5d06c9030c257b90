import { createHash } from "node:crypto";
import { z } from "zod";
import { featurizerConfigSchema } from "./config.ts";

/** The artifact format; a change that old readers cannot read gets a new one. */
export const CLASSIFIER_FORMAT = "crm-text-classifier/1";

/** Training parameters; part of the version. */
export const classifierParamsSchema = z.object({
  /** SVM costs cross-validation chose from, and the one it chose. */
  cGrid: z.array(z.number().positive()),
  c: z.number().positive(),
  folds: z.number().int().min(2),
  /** Seed of the folds and of the coordinate order. */
  seed: z.number().int(),
  /** Stopping tolerance of the dual coordinate descent. */
  epsilon: z.number().positive(),
});
export type ClassifierParams = z.infer<typeof classifierParamsSchema>;

/**
 * A trained text classifier as plain JSON (checked by zod). The big arrays are compact:
 * vocabulary buckets as varint gaps and document frequencies as varints, weights as int8 with
 * one scale per class; each deflated and base64-encoded (codec.ts).
 */
export const classifierArtifactSchema = z.object({
  format: z.literal(CLASSIFIER_FORMAT),
  /** `<name>-<12 hex>`: SHA-256 of format, name, target, featuriser, params and data fingerprint. */
  version: z.string(),
  name: z.string().min(1),
  /** What the labels are (the ticket column they came from: category, queue, priority). */
  target: z.string().min(1),
  /** Class labels, sorted; class k is the k-th. */
  classes: z.array(z.string()).min(2),
  featurizer: featurizerConfigSchema,
  params: classifierParamsSchema,
  vocabulary: z.object({
    /** Columns (hash buckets kept). */
    size: z.number().int().min(0),
    /** Training texts the document frequencies were counted over. */
    docs: z.number().int().min(1),
    /** Buckets, ascending: encodeAscending. */
    buckets: z.string(),
    /** Document frequency of each bucket: encodeUints. IDF is recomputed from it exactly. */
    df: z.string(),
  }),
  /** (size + 1) × classes, feature-major, bias row last: quantise. */
  weights: z.object({
    encoding: z.literal("int8-deflate-base64"),
    scales: z.array(z.number()),
    data: z.string(),
  }),
  /** Softmax temperature over the decision scores, fitted on out-of-fold scores. */
  temperature: z.number().positive(),
  training: z.object({
    rows: z.number().int(),
    /** Training rows per class, in class order. */
    classCounts: z.array(z.number().int()),
    /** SHA-256 of the training examples (fingerprintExamples). */
    fingerprint: z.string(),
    /** Cross-validated accuracy at the chosen C: mean and sd over folds. */
    cvAccuracy: z.number(),
    cvAccuracySd: z.number(),
  }),
});
export type ClassifierArtifact = z.infer<typeof classifierArtifactSchema>;

/** The version id: what determines the fitted model (training is deterministic given these). */
export function classifierVersion(
  a: Pick<ClassifierArtifact, "name" | "target" | "featurizer" | "params"> & {
    training: { fingerprint: string };
  },
): string {
  const hash = createHash("sha256")
    .update(
      JSON.stringify([CLASSIFIER_FORMAT, a.name, a.target, a.featurizer, a.params, a.training.fingerprint]),
    )
    .digest("hex");
  return `${a.name}-${hash.slice(0, 12)}`;
}

/** The artifact as JSON text. */
export const serializeClassifier = (a: ClassifierArtifact): string => JSON.stringify(a);

/** Reads an artifact from JSON text or parsed data, checking its shape. */
export function parseClassifier(input: string | unknown): ClassifierArtifact {
  return classifierArtifactSchema.parse(typeof input === "string" ? JSON.parse(input) : input);
}
