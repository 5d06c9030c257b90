import { z } from "zod";
import { columnsOf, fittedFeatureSchema } from "./features/fitted.ts";
import { featureSpecSchema } from "./features/spec.ts";
import { scalerSchema } from "./features/standardize.ts";
import { hashJson } from "./fingerprint.ts";
import { plattSchema } from "./learn/calibrate.ts";

/** The artifact format; a change that old readers cannot read gets a new one. */
export const ARTIFACT_FORMAT = "crm-scoring/1";

/** Training parameters; part of the version. */
export const trainParamsSchema = z.object({
  /** The L2 strengths cross-validation chose from, and the one it chose. */
  l2Grid: z.array(z.number().positive()),
  l2: z.number().positive(),
  folds: z.number().int().min(2),
  /** Seed of the fold assignment. */
  seed: z.number().int(),
});
export type TrainParams = z.infer<typeof trainParamsSchema>;

/**
 * A trained model as plain JSON: the declared specs, what was fitted (encoding, scaling,
 * coefficients over standardised columns, Platt calibration) and where it came from.
 */
export const modelArtifactSchema = z
  .object({
    format: z.literal(ARTIFACT_FORMAT),
    /** `<name>-<12 hex>`: a hash of the format, model, specs, params and training-data fingerprint. */
    version: z.string(),
    model: z.object({
      name: z.string(),
      entity: z.enum(["account", "lead", "contact"]),
      outcome: z.string(),
    }),
    specs: z.array(featureSpecSchema),
    features: z.array(fittedFeatureSchema),
    /** Column names, for people reading the artifact; derived from `features`. */
    columns: z.array(z.string()),
    scaler: scalerSchema,
    intercept: z.number(),
    coefficients: z.array(z.number()),
    calibration: plattSchema,
    params: trainParamsSchema,
    training: z.object({
      rows: z.number().int(),
      positives: z.number().int(),
      /** SHA-256 of the training rows (fingerprintRows). */
      fingerprint: z.string(),
      /** The point-in-time cut the rows were loaded with, if any (ISO 8601). */
      asOf: z.string().nullable(),
      /** Cross-validated ROC AUC (mean and sd over folds) at the chosen L2. */
      cvAuc: z.number(),
      cvAucSd: z.number(),
    }),
  })
  .superRefine((a, ctx) => {
    const p = columnsOf(a.features).length;
    const lengths = [a.columns.length, a.scaler.mean.length, a.scaler.scale.length, a.coefficients.length];
    if (lengths.some((n) => n !== p))
      ctx.addIssue({
        code: "custom",
        message: `features encode ${p} columns, artifact has ${lengths.join("/")}`,
      });
  });

export type ModelArtifact = z.infer<typeof modelArtifactSchema>;

/** The version id: what determines the fitted model (training is deterministic given these). */
export function artifactVersion(
  a: Pick<ModelArtifact, "model" | "specs" | "params"> & { training: { fingerprint: string } },
): string {
  const hash = hashJson({
    format: ARTIFACT_FORMAT,
    model: a.model,
    specs: a.specs,
    params: a.params,
    fingerprint: a.training.fingerprint,
  });
  return `${a.model.name}-${hash.slice(0, 12)}`;
}

/** The artifact as JSON text. */
export const serializeArtifact = (a: ModelArtifact): string => JSON.stringify(a);

/** Reads an artifact from JSON text or parsed data, checking its shape and column counts. */
export function parseArtifact(input: string | unknown): ModelArtifact {
  return modelArtifactSchema.parse(typeof input === "string" ? JSON.parse(input) : input);
}
