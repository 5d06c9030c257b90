import { availableParallelism } from "node:os";
import { IN_MEMORY, migrate, openStore } from "../../db/index.ts";
import type { Config } from "../../server/config.ts";
import type { Logger } from "../../server/logger.ts";
import { ProgressBar } from "./progress.ts";
import type { Chart, EvalOptions, EvalReport, Suite, SuiteResult } from "./types.ts";

/** A finished eval run: the JSON report and the charts to write beside it. */
export interface EvalRun {
  report: EvalReport;
  charts: Chart[];
}

/**
 * Runs `suites` one after another in a fresh in-memory store (the eval never touches the
 * configured store or its data), with a progress bar on a terminal. A suite that throws stops
 * the run: its error names what failed.
 */
export async function runSuites(
  suites: readonly Suite[],
  options: EvalOptions,
  deps: { config: Config; logger: Logger; root: string },
): Promise<EvalRun> {
  const started = performance.now();
  const progress = new ProgressBar(suites.reduce((n, s) => n + s.steps, 0));
  const store = await openStore({ kind: "embedded", dataDir: IN_MEMORY });
  const results: SuiteResult[] = [];
  const charts: Chart[] = [];
  try {
    await migrate(store.sql);
    for (const suite of suites) {
      const t0 = performance.now();
      const out = await suite.run({ store, progress, options, ...deps });
      results.push({
        suite: suite.name,
        title: suite.title,
        seconds: (performance.now() - t0) / 1000,
        metrics: out.metrics,
        sections: out.sections,
        charts: out.charts.map(({ file, title }) => ({ file: `charts/${file}`, title })),
        ...(out.details ? { details: out.details } : {}),
      });
      charts.push(...out.charts);
    }
  } finally {
    progress.stop();
    await store.close();
  }
  const { seed, shuffleLabels } = options;
  return {
    report: {
      format: "crm-eval/1",
      createdAt: new Date().toISOString(),
      options: { seed, shuffleLabels, suites: suites.map((s) => s.name) },
      machine: { node: process.version, cores: availableParallelism(), platform: process.platform },
      seconds: (performance.now() - started) / 1000,
      suites: results,
    },
    charts,
  };
}
