// The eval engine: suites over recorded CRM data, metrics, gates, reports. `crm eval` drives it.
import { fileURLToPath } from "node:url";

export { SUITES, selectSuites } from "./core/registry.ts";
export { runSuites } from "./core/run.ts";
export type { EvalRun } from "./core/run.ts";
export { EvalError, EvalFileError, UnknownSuiteError } from "./core/errors.ts";
export type { EvalOptions, EvalReport, Metric, Suite, SuiteResult } from "./core/types.ts";
export { loadThresholds, checkGates } from "./gates/thresholds.ts";
export type { GateResult, Thresholds } from "./gates/thresholds.ts";
export { loadReport, compareReports, formatComparison } from "./gates/compare.ts";
export { writeReport } from "./report/write.ts";
export { formatSummary } from "./report/summary.ts";

/** The repository root: mappings, thresholds and cassettes are found relative to it. */
export const REPO_ROOT = fileURLToPath(new URL("../", import.meta.url));
