import type { Baseline, Metric } from "./types.ts";

/** A measured metric. A NaN (e.g. AUC of a one-class test set) is kept as NaN → null in JSON. */
export const measured = (
  name: string,
  value: number,
  better: Metric["better"],
  label: string,
  baselines?: Baseline[],
): Metric => ({
  name,
  value: Number.isFinite(value) ? value : null,
  status: "ok",
  better,
  label,
  ...(baselines && baselines.length > 0 ? { baselines } : {}),
});

/** A metric that was not run, and why: reported as such, never given a value. */
export const notRun = (name: string, better: Metric["better"], label: string, reason: string): Metric => ({
  name,
  value: null,
  status: "not_run",
  reason,
  better,
  label,
});
