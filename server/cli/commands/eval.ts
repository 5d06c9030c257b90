import { resolve } from "node:path";
import { InvalidArgumentError, type Command } from "commander";
import {
  checkGates,
  compareReports,
  formatComparison,
  formatSummary,
  loadReport,
  loadThresholds,
  REPO_ROOT,
  runSuites,
  selectSuites,
  SUITES,
  writeReport,
} from "../../../evals/index.ts";
import { loadConfig } from "../../config.ts";
import { createLogger } from "../../logger.ts";
import { parseNonNegativeInt } from "../options.ts";

interface EvalCliOptions {
  check?: boolean;
  out: string;
  compare?: string[];
  fast?: boolean;
  thresholds: string;
  datasets: string;
  seed: number;
  shuffleLabels?: boolean;
}

export function registerEval(program: Command): void {
  program
    .command("eval")
    .description(
      "Run eval suites over the recorded datasets and a seeded demo book; write JSON, Markdown and SVG charts",
    )
    .argument("[suites...]", `suites or groups (default: all): ${SUITES.map((s) => s.name).join(", ")}`)
    .option("--check", "exit 1 when a metric breaks its gate in the thresholds file, naming it")
    .option("--out <dir>", "report folder", "reports/eval")
    .option("--compare <reports...>", "compare two report.json files and print what moved (runs nothing)")
    .option("--fast", "only the fast suites (what CI runs)")
    .option("--thresholds <file>", "gates file", resolve(REPO_ROOT, "evals/thresholds.yaml"))
    .option("--datasets <dir>", "recorded datasets folder", resolve(REPO_ROOT, "../shared/datasets"))
    .option(
      "--seed <n>",
      "split and training seed (fixed at 42 before any result was seen)",
      parseNonNegativeInt,
      42,
    )
    .option(
      "--shuffle-labels",
      "negative control: train every model on shuffled training labels (then --check must fail)",
    )
    .action(async (names: string[], opts: EvalCliOptions) => {
      if (opts.compare) return compare(opts.compare, names);
      const config = loadConfig();
      const logger = createLogger(config.LOG_LEVEL);
      const suites = selectSuites(names, opts.fast ?? false);
      const thresholds = opts.check ? await loadThresholds(opts.thresholds) : null;
      const { report, charts } = await runSuites(
        suites,
        {
          datasetsDir: resolve(opts.datasets),
          seed: opts.seed,
          shuffleLabels: opts.shuffleLabels ?? false,
        },
        { config, logger, root: REPO_ROOT },
      );
      const gates = thresholds ? checkGates(report, thresholds) : [];
      const written = await writeReport(resolve(opts.out), report, charts, gates);
      console.log(formatSummary(report, gates));
      console.log(`\nwrote ${written.markdown}, ${written.json} and ${written.charts.length} charts`);
      const failed = gates.filter((g) => g.verdict === "fail");
      for (const g of failed) console.error(`crm eval: gate failed: ${g.message}`);
      if (failed.length > 0) process.exitCode = 1;
    });
}

async function compare(files: string[], names: string[]): Promise<void> {
  if (files.length !== 2 || names.length > 0)
    throw new InvalidArgumentError(
      `--compare takes exactly two report files, got ${[...files, ...names].length}`,
    );
  const [a, b] = await Promise.all(files.map((f) => loadReport(f)));
  console.log(formatComparison(a!, b!, compareReports(a!, b!)));
}
