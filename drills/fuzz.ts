/**
 * Drill: fuzz every route of the API. Enumerates the operations of the app's own /openapi.json (a
 * new route is covered without touching this file) and sends `--runs` fast-check requests to each
 * (fixed `--seed`): path, query and header parameters and bodies near their schemas and garbage,
 * auth headers, content types, Idempotency-Key, Last-Event-ID. Runs on a real store (in-memory
 * PGlite) with a populated tenant, so ids that exist reach the handlers. Passes with 0 5xx, no hung
 * request, and every 4xx answering `{error: {code, message, field}}` with a field that names a part
 * of the request (route-not-found and rate-limit answers name none).
 *
 *   npx tsx drills/fuzz.ts [--runs 150] [--seed 42]
 */
import { parseArgs } from "node:util";
import { openHttpApp } from "../tests/support/http-app.ts";
import { fuzzApi } from "./lib/api-fuzz.ts";
import { finish, printTable } from "./lib/api-report.ts";
import { fuzzKnownIds } from "./lib/api-fuzz-known.ts";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "150" }, seed: { type: "string", default: "42" } },
});
const started = Date.now();
const h = await openHttpApp("pglite", { rateLimit: { burst: 1_000_000, perSecond: 1_000_000 } });
try {
  const { key, known } = await fuzzKnownIds(h);
  const report = await fuzzApi(h.app, key, known, { runs: Number(values.runs), seed: Number(values.seed) });
  printTable(`fuzz: ${report.requests} requests over ${report.routes.length} routes`, report.routes);
  printTable(
    "answers by status",
    Object.entries(report.statuses).map(([status, n]) => ({ status, n })),
  );
  const byProblem = new Map<string, number>();
  for (const f of report.failures)
    byProblem.set(`${f.route}: ${f.problem}`, (byProblem.get(`${f.route}: ${f.problem}`) ?? 0) + 1);
  const failures = [...byProblem].map(([p, n]) => `${p} (×${n})`);
  const seen = new Set<string>();
  const examples = report.failures.filter(
    (f) => !seen.has(f.route + f.problem) && seen.add(f.route + f.problem),
  );
  for (const f of examples.slice(0, 10))
    console.error(`example: ${f.route} ${JSON.stringify(f.request)} → ${f.status} ${f.answer}`);
  await h.close();
  finish("fuzz", failures, {
    duration_s: (Date.now() - started) / 1000,
    runs_per_route: Number(values.runs),
    seed: Number(values.seed),
    requests: report.requests,
    routes: report.routes.length,
    statuses: report.statuses,
    "5xx": report.routes.reduce((a, r) => a + r["5xx"], 0),
    "4xx_without_field": report.routes.reduce((a, r) => a + r["4xx without field"], 0),
    examples: examples.slice(0, 10),
  });
} catch (err) {
  await h.close();
  throw err;
}
