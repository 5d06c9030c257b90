import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { z } from "zod";
import { EvalFileError } from "../core/errors.ts";
import type { EvalReport, Metric } from "../core/types.ts";

const gateSchema = z
  .object({
    min: z.number().optional().describe("the metric must be at least this"),
    max: z.number().optional().describe("the metric must be at most this"),
    why: z.string().optional().describe("why the gate sits where it does"),
  })
  .strict()
  .refine((g) => g.min !== undefined || g.max !== undefined, "give min, max or both");

const thresholdsSchema = z
  .object({ gates: z.record(z.string().regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/, "a metric name"), gateSchema) })
  .strict();

/** A gate on one metric. */
export type Gate = z.infer<typeof gateSchema>;
export type Thresholds = z.infer<typeof thresholdsSchema>;

/** Reads and validates a thresholds file; a bad one fails naming the file and the key. */
export async function loadThresholds(file: string): Promise<Thresholds> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new EvalFileError(file, `cannot read the thresholds file (${(err as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    throw new EvalFileError(file, `not valid YAML: ${(err as Error).message}`);
  }
  const parsed = thresholdsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new EvalFileError(file, `${issue.path.join(".") || "(top level)"}: ${issue.message}`);
  }
  return parsed.data;
}

/** The verdict on one gate. `skipped`: its suite did not run, or the metric was not run. */
export interface GateResult {
  metric: string;
  gate: Gate;
  value: number | null;
  verdict: "pass" | "fail" | "skipped";
  /** Why it failed or was skipped, naming the metric and the bound. */
  message: string;
}

const bound = (g: Gate) =>
  [g.min !== undefined ? `≥ ${g.min}` : null, g.max !== undefined ? `≤ ${g.max}` : null]
    .filter(Boolean)
    .join(" and ");

/**
 * Checks every gate whose suite ran. A gated metric missing from a suite that ran fails (a
 * renamed metric must not pass silently); a metric reported as not run is skipped, not passed.
 */
export function checkGates(report: EvalReport, thresholds: Thresholds): GateResult[] {
  const ran = report.suites.map((s) => s.suite);
  const metrics = new Map<string, Metric>(report.suites.flatMap((s) => s.metrics.map((m) => [m.name, m])));
  return Object.entries(thresholds.gates).map(([name, gate]): GateResult => {
    const base = { metric: name, gate };
    const m = metrics.get(name);
    if (!m) {
      const suiteRan = ran.some((s) => name.startsWith(`${s}.`));
      return suiteRan
        ? {
            ...base,
            value: null,
            verdict: "fail",
            message: `${name}: gated (${bound(gate)}) but not reported`,
          }
        : { ...base, value: null, verdict: "skipped", message: `${name}: its suite did not run` };
    }
    if (m.status === "not_run")
      return { ...base, value: null, verdict: "skipped", message: `${name}: not run (${m.reason})` };
    const v = m.value;
    const ok =
      v !== null && (gate.min === undefined || v >= gate.min) && (gate.max === undefined || v <= gate.max);
    const shown = v === null ? "no value" : String(Number(v.toFixed(4)));
    return {
      ...base,
      value: v,
      verdict: ok ? "pass" : "fail",
      message: `${name} = ${shown}, gate ${bound(gate)}${ok ? "" : ": REGRESSION"}`,
    };
  });
}
