import {
  buildInstance,
  checkPlan,
  fractionalKnapsackBound,
  greedyArcs,
  improvePlan,
  lagrangianBound,
  parsePlannerPolicy,
  roundShares,
  solvePlan,
  violationCount,
} from "../../agents/planner/index.ts";
import type { Arc } from "../../agents/planner/index.ts";
import { generatedInstance } from "../../agents/planner/testing/instance.ts";
import { lpRelaxation } from "../../agents/planner/testing/lp-relaxation.ts";

/** One generated instance: the plan as production makes it, and the bounds it is measured against. */
export interface QualityRow {
  tasks: number;
  people: number;
  pairs: number;
  method: string;
  status: string;
  solve_ms: number;
  objective: number;
  violations: number;
  /** The bound the plan records, and its source (`mip_dual_bound`, `lagrangian`). */
  plan_bound: number;
  plan_bound_source: string;
  /** The LP relaxation bound used for the quality: HiGHS's LP optimum, else the Lagrangian bound. */
  lp_bound: number;
  lp_bound_kind: "lp_exact" | "lagrangian";
  lp_status: string;
  lp_ms: number;
  /** objective / lp_bound: the bench's quality (target ≥ 0.99). */
  quality: number;
  /** plan_bound / lp_bound when the plan's bound is HiGHS's MIP dual bound: the most any plan can reach. */
  ceiling: number | null;
  /** The bounds side by side (each an upper bound on the LP relaxation, so on every plan). */
  knapsack_bound: number;
  lagrangian_bound: number;
  lagrangian_ms: number;
  lagrangian_iterations: number;
  /**
   * The heuristic's steps as fractions of lp_bound: the greedy alone, after local search
   * (improve.ts), and the Lagrangian's rounded LP estimate after local search (round.ts).
   */
  greedy_quality: number;
  improved_quality: number;
  improve_ms: number;
  rounded_quality: number;
  round_ms: number;
}

const value = (arcs: Arc[]) => arcs.reduce((s, a) => s + a.weight, 0);
const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** Measures one size: production solve (default options but the time limit), then the bounds. */
export async function measureQuality(options: {
  tasks: number;
  people: number;
  seed: number;
  timeLimitSeconds?: number;
  lpTimeLimitSeconds: number;
  log: (msg: string) => void;
}): Promise<QualityRow> {
  const { tasks, people, seed, log } = options;
  const policy = parsePlannerPolicy(
    options.timeLimitSeconds ? { mipTimeLimitSeconds: options.timeLimitSeconds } : {},
  );
  const g = generatedInstance({ tasks, reps: people, seed });
  const inst = buildInstance(g.planDate, g.tasks, g.reps, policy);
  log(`${tasks}×${people}: ${inst.arcs.length} pairs; solving as in production`);
  const plan = await solvePlan(inst, policy, () => performance.now());
  const violations = violationCount(checkPlan(inst, plan.assignments));

  // the heuristic's steps one by one (solve.ts runs the same: greedy, local search, Lagrangian, rounding)
  let t0 = performance.now();
  const greedy = greedyArcs(inst);
  const improved = improvePlan(inst, greedy).chosen;
  const improveMs = performance.now() - t0;
  log(`${tasks}×${people}: Lagrangian bound`);
  t0 = performance.now();
  const lag = lagrangianBound(inst, { lowerBound: value(improved) });
  const lagMs = performance.now() - t0;
  t0 = performance.now();
  const rounded = improvePlan(inst, roundShares(inst, lag.shares)).chosen;
  const roundMs = performance.now() - t0;

  log(`${tasks}×${people}: LP relaxation with HiGHS (limit ${options.lpTimeLimitSeconds} s)`);
  const lp = await lpRelaxation(inst, options.lpTimeLimitSeconds);
  const lpBound = lp.bound ?? lag.bound;
  return {
    tasks,
    people,
    pairs: inst.arcs.length,
    method: plan.method,
    status: plan.status,
    solve_ms: Math.round(plan.solveMs),
    objective: round(plan.objective, 2),
    violations,
    plan_bound: round(plan.bound, 2),
    plan_bound_source: plan.boundSource,
    lp_bound: round(lpBound, 2),
    lp_bound_kind: lp.bound === null ? "lagrangian" : "lp_exact",
    lp_status: lp.status,
    lp_ms: Math.round(lp.ms),
    quality: round(plan.objective / lpBound, 5),
    ceiling: plan.boundSource === "mip_dual_bound" ? round(Math.min(1, plan.bound / lpBound), 5) : null,
    knapsack_bound: round(fractionalKnapsackBound(inst), 2),
    lagrangian_bound: round(lag.bound, 2),
    lagrangian_ms: Math.round(lagMs),
    lagrangian_iterations: lag.iterations,
    greedy_quality: round(value(greedy) / lpBound, 5),
    improved_quality: round(value(improved) / lpBound, 5),
    improve_ms: Math.round(improveMs),
    rounded_quality: round(value(rounded) / lpBound, 5),
    round_ms: Math.round(roundMs),
  };
}
