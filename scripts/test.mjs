#!/usr/bin/env node
// `npm test`: make sure the services the tests need are installed (PostgreSQL 15 with pgvector,
// redis-server; .ci/install-deps.sh installs them on Debian when run as root, and otherwise says
// exactly what is missing), then run the whole vitest suite. Extra arguments go to vitest.
// Ends with a plain "N passed, N failed" line read from vitest's JSON report.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";

const deps = spawnSync("bash", [".ci/install-deps.sh"], { stdio: "inherit" });
if (deps.status !== 0) process.exit(deps.status ?? 1);

mkdirSync("reports", { recursive: true });
const report = "reports/vitest.json";
const run = spawnSync(
  "npx",
  [
    "vitest",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: "inherit" },
);
try {
  const { numPassedTests, numFailedTests, numPendingTests } = JSON.parse(readFileSync(report, "utf8"));
  console.log(`${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests} skipped`);
} catch {
  console.log("test: vitest wrote no report");
}
process.exit(run.status ?? 1);
