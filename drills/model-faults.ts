/**
 * Drill: model faults through the real runtime. A sales run (graphs/runtime runAgent) whose model
 * is the local OpenAI-compatible test server, scripted to time out, answer 429, 500, malformed
 * JSON, and mixes of them. Passes when the gateway retried (requests counted at the server), the
 * offline fallback answered and the run is labelled degraded with the offline provider (or, after
 * a recovering mix, labelled with the model), and every run ended within a bounded wall time.
 * Store: an in-memory PGlite.
 *
 *   npx tsx drills/model-faults.ts
 */
import { migrate, openStore } from "../db/index.ts";
import { runModelFaults, SCENARIOS } from "./lib/api-model-faults.ts";
import { finish, printTable } from "./lib/api-report.ts";

const started = Date.now();
const store = await openStore({ kind: "embedded", dataDir: "memory://" });
await migrate(store.sql);
const results = await runModelFaults(store, SCENARIOS).finally(() => store.close());
printTable(
  "model faults (sales run on a hot lead; LLM_TIMEOUT_MS=400, LLM_MAX_RETRIES=2)",
  results.map(({ problems: _p, run_provider: _r, ...row }) => row),
);
const failures = results.flatMap((r) => r.problems.map((p) => `${r.scenario}: ${p}`));
finish("model-faults", failures, { duration_s: (Date.now() - started) / 1000, results });
