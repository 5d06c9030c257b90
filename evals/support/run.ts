// Held-out evaluation of the support triage classifiers:
//   npx tsx evals/support/run.ts [--datasets DIR] [--out FILE]
// Imports the shared datasets into an in-memory store through their mappings, reads the labelled
// tickets back from the store, trains, scores the test rows and prints them beside the baselines.
import { mkdir, writeFile } from "node:fs/promises";
import { availableParallelism, loadavg } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { IN_MEMORY, migrate, openStore } from "../../db/index.ts";
import { importCsv } from "../../db/import/csv/index.ts";
import { TRIAGE_DATASETS } from "./datasets.ts";
import { caseRows } from "./rows.ts";
import { evaluateClassifier } from "./evaluate.ts";
import { formatReport, type ReportEntry } from "./report.ts";

/** Fixed before any result was seen; never tuned. */
const SEED = 42;

const root = fileURLToPath(new URL("../../", import.meta.url));
const { values } = parseArgs({
  options: {
    datasets: { type: "string", default: resolve(root, "../shared/datasets") },
    out: { type: "string", default: resolve(root, "reports/support.json") },
  },
});

// wall times depend on what else runs: record the machine's load beside them
const machine = { cores: availableParallelism(), loadAtStart: loadavg()[0]! };
const store = await openStore({ kind: "embedded", dataDir: IN_MEMORY });
const entries: ReportEntry[] = [];
try {
  await migrate(store.sql);
  for (const dataset of TRIAGE_DATASETS) {
    let tenantId = "";
    for (const i of dataset.imports) {
      const imported = await importCsv(store.sql, {
        file: resolve(values.datasets, i.file),
        mapping: resolve(root, i.mapping),
        tenant: dataset.tenant,
      });
      tenantId = imported.tenant.id;
      console.error(`${i.file}: ${imported.rowsImported} tickets imported`);
    }
    for (const c of dataset.cases) {
      const { train, test } = await caseRows(store.sql, tenantId, c, SEED);
      const result = evaluateClassifier(train, test, { name: c.name, target: c.label, seed: SEED });
      console.error(
        `${c.name}: test accuracy ${result.test.accuracy.toFixed(3)} (${train.length}/${test.length})`,
      );
      entries.push({ dataset: dataset.name, case: c, result });
    }
  }
} finally {
  await store.close();
}

const load = { ...machine, loadAtEnd: loadavg()[0]! };
console.log(formatReport(entries, SEED));
console.log(
  `\nmachine: ${load.cores} cores, 1-min load average ${load.loadAtStart.toFixed(1)} at start, ${load.loadAtEnd.toFixed(1)} at end`,
);
await mkdir(dirname(values.out), { recursive: true });
await writeFile(values.out, `${JSON.stringify({ seed: SEED, machine: load, entries }, null, 2)}\n`);
console.error(`\nwrote ${values.out}`);
