import type { Config } from "../../server/config.ts";
import type { Logger } from "../../server/logger.ts";
import type { Store } from "../../db/index.ts";

/** A published or reproduced number shown beside ours, from a dataset's README. */
export interface Baseline {
  value: number;
  source: string;
}

/**
 * One named number of a suite, e.g. `scoring.churn.roc_auc`. A metric that could not be measured
 * (an LLM-dependent one with neither an endpoint nor a cassette) has `value: null`,
 * `status: "not_run"` and says why — it is never filled with a made-up number.
 */
export interface Metric {
  name: string;
  value: number | null;
  status: "ok" | "not_run";
  /** Why the metric was not run. */
  reason?: string;
  /** Which way is better; `--compare` and the gates read it. */
  better: "higher" | "lower";
  /** What it measures, in a few words (the report's label). */
  label: string;
  baselines?: Baseline[];
}

/** A chart a suite drew: an SVG document and the file name it is written under. */
export interface Chart {
  /** File name inside the report's charts folder, e.g. `scoring-churn-roc.svg`. */
  file: string;
  title: string;
  svg: string;
}

/** A block of the Markdown report (a heading and GitHub-flavoured Markdown under it). */
export interface Section {
  title: string;
  markdown: string;
}

/** What a suite returns: metrics, report sections, charts, and any details for the JSON report. */
export interface SuiteOutput {
  metrics: Metric[];
  sections: Section[];
  charts: Chart[];
  details?: Record<string, unknown>;
}

/** A suite's output as the report holds it, with how long it ran. */
export interface SuiteResult extends Omit<SuiteOutput, "charts"> {
  suite: string;
  title: string;
  seconds: number;
  /** Chart files written beside the report (relative to it). */
  charts: { file: string; title: string }[];
}

/** Options every suite sees. */
export interface EvalOptions {
  /** Folder of the recorded datasets (`../shared/datasets`). */
  datasetsDir: string;
  /** Split and training seed, fixed before any result was seen. */
  seed: number;
  /**
   * Negative control: train every learned model on labels shuffled within its training part.
   * The models are then no better than chance, so `--check` must fail.
   */
  shuffleLabels: boolean;
}

/** Counts a suite's steps; drives the progress bar. */
export interface Progress {
  step(label: string): void;
}

/** What a suite runs with: the eval's own in-memory store and the composition root's parts. */
export interface SuiteContext {
  store: Store;
  config: Config;
  logger: Logger;
  options: EvalOptions;
  progress: Progress;
  /** The repository root (mappings and cassettes are found relative to it). */
  root: string;
}

/** An eval suite: a name (`scoring.churn`), a title, whether it is in the fast set, and its runner. */
export interface Suite {
  name: string;
  title: string;
  /** Part of `--fast` (CI): runs in seconds, not minutes. */
  fast: boolean;
  /** How many `progress.step` calls a run makes (for the progress bar). */
  steps: number;
  run(ctx: SuiteContext): Promise<SuiteOutput>;
}

/** The JSON report: everything `--compare` and `--check` need, without the charts themselves. */
export interface EvalReport {
  format: "crm-eval/1";
  createdAt: string;
  options: Omit<EvalOptions, "datasetsDir"> & { suites: string[] };
  machine: { node: string; cores: number; platform: string };
  seconds: number;
  suites: SuiteResult[];
}
