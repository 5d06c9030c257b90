/**
 * Plan quality (issue 8, benchmark 3): the nightly planner's objective against the LP relaxation
 * bound of the same model. For each generated instance (agents/planner/testing/instance.ts) it runs
 * `solvePlan` as production does (default options: the HiGHS MIP up to mipMaxArcs pairs, the
 * heuristic above: greedy and rounded Lagrangian, each with local search), re-checks the plan,
 * then bounds it:
 *  - `lp_exact`: HiGHS's dual simplex on the model with integrality dropped, within --lp-time-limit;
 *  - `lagrangian`: the planner's Lagrangian bound (agents/planner/lagrangian.ts), an upper bound
 *    on the LP optimum, used when HiGHS does not finish in time.
 * A second table shows the bounds side by side and the heuristic's steps.
 * Prints the tables and one JSON line. Nothing asserts a time.
 *
 *   npx tsx bench/plan-quality.ts [--sizes 200x10,2000x20,20000x100] [--seed 42] [--time-limit S]
 *                                 [--lp-time-limit 600]
 *
 * --time-limit is the MIP's (mipTimeLimitSeconds; production default 10 s when omitted).
 */
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { measureQuality, type QualityRow } from "./lib/plan-quality.ts";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "200x10,2000x20,20000x100" },
    seed: { type: "string", default: "42" },
    "time-limit": { type: "string" },
    "lp-time-limit": { type: "string", default: "600" },
  },
});
const sizes = values.sizes.split(",").map((s) => {
  const m = /^(\d+)x(\d+)$/.exec(s.trim());
  if (!m) throw new Error(`--sizes: "${s}" is not TASKSxPEOPLE`);
  return { tasks: Number(m[1]), people: Number(m[2]) };
});
const seed = Number(values.seed);
const timeLimit = values["time-limit"] === undefined ? undefined : Number(values["time-limit"]);
const lpTimeLimit = Number(values["lp-time-limit"]);
for (const [name, v] of Object.entries({ seed, "time-limit": timeLimit ?? 1, "lp-time-limit": lpTimeLimit }))
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);

const log = (msg: string) => console.error(`  ${msg}`);
const loadBefore = loadavg()[0]!;
const started = performance.now();
const rows: QualityRow[] = [];
for (const size of sizes)
  rows.push(
    await measureQuality({
      ...size,
      seed,
      timeLimitSeconds: timeLimit,
      lpTimeLimitSeconds: lpTimeLimit,
      log,
    }),
  );
const loadAfter = loadavg()[0]!;

const pct = (x: number | null) => (x === null ? "–" : `${(100 * x).toFixed(2)} %`);
const num = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 0 });
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(`plan quality, seed ${seed}, MIP time limit ${timeLimit ?? "default (10)"} s`);
console.table(
  rows.map((r) => ({
    instance: `${num(r.tasks)} × ${r.people}`,
    pairs: num(r.pairs),
    method: r.method,
    status: r.status,
    solve: s(r.solve_ms),
    objective: num(r.objective),
    "plan bound (source)": `${num(r.plan_bound)} (${r.plan_bound_source})`,
    "LP bound (kind)": `${num(r.lp_bound)} (${r.lp_bound_kind})`,
    "LP time": s(r.lp_ms),
    "objective / LP": pct(r.quality),
    "≥ 99 %": r.quality >= 0.99 ? "yes" : "no",
    "ceiling (MIP bound / LP)": pct(r.ceiling),
    violations: r.violations,
  })),
);
console.table(
  rows.map((r) => ({
    instance: `${num(r.tasks)} × ${r.people}`,
    "knapsack / LP": pct(r.knapsack_bound / r.lp_bound),
    "Lagrangian / LP": pct(r.lagrangian_bound / r.lp_bound),
    "Lagrangian time": `${s(r.lagrangian_ms)} (${r.lagrangian_iterations} steps)`,
    "greedy / LP": pct(r.greedy_quality),
    "greedy + local search / LP": pct(r.improved_quality),
    "time (greedy + search)": s(r.improve_ms),
    "rounded Lagrangian + search / LP": pct(r.rounded_quality),
    "time (rounding + search)": s(r.round_ms),
  })),
);
console.log(
  JSON.stringify({
    bench: "plan-quality",
    seed,
    mip_time_limit_s: timeLimit ?? null,
    lp_time_limit_s: lpTimeLimit,
    target: 0.99,
    rows,
    wall_s: Math.round((performance.now() - started) / 100) / 10,
    load_avg_1m: { before: Math.round(loadBefore * 100) / 100, after: Math.round(loadAfter * 100) / 100 },
    node: process.version,
  }),
);
