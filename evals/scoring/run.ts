// Held-out evaluation of the scoring models:
//   npx tsx evals/scoring/run.ts [--datasets DIR] [--out FILE]
// Imports the shared datasets into an in-memory store through their mappings, reads the
// training rows back from the store, and reports test metrics next to the READMEs' baselines.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { IN_MEMORY, migrate, openStore } from "../../db/index.ts";
import { importCsv } from "../../db/import/csv/index.ts";
import { EVAL_DATASETS } from "./datasets.ts";
import { evaluateHoldout } from "./holdout.ts";
import { formatReport, type ReportEntry } from "./report.ts";

/** Fixed before any result was seen; never tuned. */
const SEED = 42;

const root = fileURLToPath(new URL("../../", import.meta.url));
const { values } = parseArgs({
  options: {
    datasets: { type: "string", default: resolve(root, "../shared/datasets") },
    out: { type: "string", default: resolve(root, "reports/scoring.json") },
  },
});

const store = await openStore({ kind: "embedded", dataDir: IN_MEMORY });
const entries: ReportEntry[] = [];
try {
  await migrate(store.sql);
  for (const dataset of EVAL_DATASETS) {
    const imported = await importCsv(store.sql, {
      file: resolve(values.datasets, dataset.file),
      mapping: resolve(root, dataset.mapping),
      tenant: dataset.tenant,
    });
    const rows = await dataset.load(store.sql, imported.tenant.id);
    console.error(`${dataset.name}: ${imported.rowsImported} rows imported, ${rows.length} with an outcome`);
    for (const c of dataset.cases) {
      const result = evaluateHoldout(c.definition, rows, { seed: SEED });
      entries.push({
        dataset: dataset.name,
        featureSet: c.featureSet,
        targetAuc: c.targetAuc,
        baselines: c.baselines,
        result,
      });
    }
  }
} finally {
  await store.close();
}

console.log(formatReport(entries, SEED));
await mkdir(dirname(values.out), { recursive: true });
await writeFile(values.out, `${JSON.stringify({ seed: SEED, testFraction: 0.2, entries }, null, 2)}\n`);
console.error(`\nwrote ${values.out}`);
