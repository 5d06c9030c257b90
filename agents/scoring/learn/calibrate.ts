import { z } from "zod";
import { fitLogistic, sigmoid } from "./logistic.ts";

/** Platt scaling: P = σ(a · logit + b), fitted on logits the model did not train on. */
export const plattSchema = z.object({ kind: z.literal("platt"), a: z.number(), b: z.number() });
export type Platt = z.infer<typeof plattSchema>;

/** The calibration that changes nothing. */
export const IDENTITY: Platt = { kind: "platt", a: 1, b: 0 };

/**
 * Fits Platt scaling by maximum likelihood on (logit, label) pairs. The logits must come from
 * models that did not see those rows (out-of-fold), or the fit learns the model's overconfidence.
 */
export function fitPlatt(logits: readonly number[], labels: ArrayLike<number>): Platt {
  const fit = fitLogistic(
    logits.map((z) => Float64Array.of(z)),
    labels,
    { l2: 1e-6 }, // practically unpenalised; only keeps the Hessian positive definite
  );
  return { kind: "platt", a: fit.coefficients[0]!, b: fit.intercept };
}

export const calibrated = (c: Platt, logit: number): number => sigmoid(c.a * logit + c.b);
