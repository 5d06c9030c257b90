import { greedyArcs } from "./greedy.ts";
import { assignmentModel, loadHighs } from "./highs-model.ts";
import { improvePlan } from "./improve.ts";
import type { Arc, Instance } from "./instance.ts";
import { lagrangianBound } from "./lagrangian.ts";
import type { PlannerPolicy } from "./policy.ts";
import { roundShares } from "./round.ts";
import { scheduleArcs } from "./schedule.ts";
import type { PlanSolution } from "./types.ts";

/**
 * Solves the instance: the HiGHS MIP when it has at most `policy.mipMaxArcs` (task, rep) pairs,
 * warm-started with the heuristic plan (so it is never worse); otherwise — or when HiGHS ends
 * without a solution — the heuristic plan with the Lagrangian bound of the LP relaxation
 * (lagrangian.ts). The heuristic plan: the greedy or the Lagrangian's rounded LP estimate, each
 * after local search (improve.ts), whichever is better. `now` times the solve.
 */
export async function solvePlan(
  inst: Instance,
  policy: PlannerPolicy,
  now: () => number,
): Promise<PlanSolution> {
  const started = now();
  if (inst.arcs.length === 0)
    return finish(inst, [], "greedy", "empty", 0, "fractional_knapsack", started, now, null);
  // the heuristic plan (the fallback, and the MIP's warm start) and the LP relaxation's bound
  const { plan: heuristic, bound: relaxation } = heuristicPlan(inst);
  if (inst.arcs.length > policy.mipMaxArcs) {
    const why = `${inst.arcs.length} task-rep pairs > mipMaxArcs ${policy.mipMaxArcs}`;
    return finish(inst, heuristic, "greedy", "heuristic", relaxation, "lagrangian", started, now, why);
  }
  const highs = await loadHighs();
  const { model: data, warmStart } = assignmentModel(inst, highs.constants.objectiveSense.maximize);
  const index = new Map(inst.arcs.map((a, i) => [a, i]));
  const start = warmStart(new Set(heuristic.map((a) => index.get(a)!)));
  const result = highs.withModel(data, (model) => {
    model.options.set({
      output_flag: false,
      time_limit: policy.mipTimeLimitSeconds,
      mip_rel_gap: policy.mipRelGap,
    });
    model.setSolution({ colValue: start });
    model.run();
    const status = model.getModelStatus() as number;
    const hasSolution = Number(model.info.get("primal_solution_status")) === 2;
    return {
      status: statusName(highs.constants.modelStatus, status),
      columns: hasSolution ? model.getSolution().colValue : null,
      bound: Number(model.info.get("mip_dual_bound")),
    };
  });
  if (!result.columns) {
    const why = `HiGHS ended ${result.status} without a solution`;
    return finish(inst, heuristic, "greedy", "heuristic", relaxation, "lagrangian", started, now, why);
  }
  const chosen = inst.arcs.filter((_, i) => result.columns![i]! > 0.5);
  // before HiGHS has a dual bound (e.g. stopped by its time limit in the root LP) it reports
  // ±infinity: the plan then carries the relaxation bound, which is always valid
  const bound = Number.isFinite(result.bound) ? result.bound : relaxation;
  const source = Number.isFinite(result.bound) ? "mip_dual_bound" : "lagrangian";
  return finish(inst, chosen, "mip", result.status, bound, source, started, now, null);
}

/**
 * The greedy plan after local search, or — when better — the Lagrangian bound's estimate of the
 * LP solution rounded into a plan and improved the same way; and that Lagrangian bound (its steps
 * aimed at the greedy's objective).
 */
function heuristicPlan(inst: Instance): { plan: Arc[]; bound: number } {
  const value = (arcs: Arc[]) => arcs.reduce((s, a) => s + a.weight, 0);
  const searched = improvePlan(inst, greedyArcs(inst)).chosen;
  const lagrangian = lagrangianBound(inst, { lowerBound: value(searched) });
  const rounded = improvePlan(inst, roundShares(inst, lagrangian.shares)).chosen;
  return { plan: value(rounded) > value(searched) ? rounded : searched, bound: lagrangian.bound };
}

function finish(
  inst: Instance,
  chosen: Arc[],
  method: PlanSolution["method"],
  status: string,
  rawBound: number,
  boundSource: PlanSolution["boundSource"],
  started: number,
  now: () => number,
  fallback: string | null,
): PlanSolution {
  const { assignments, unassigned } = scheduleArcs(inst, chosen);
  const objective = chosen.reduce((s, a) => s + a.weight, 0);
  const bound = Number.isFinite(rawBound) ? rawBound : objective;
  return {
    method,
    status,
    objective,
    bound,
    boundSource,
    gap: bound > 0 ? (bound - objective) / bound : 0,
    solveMs: now() - started,
    assignments,
    unassigned,
    fallback,
  };
}

/** `time_limit` from HiGHS's model status code 13. */
function statusName(codes: Readonly<Record<string, number>>, code: number): string {
  const name = Object.entries(codes).find(([, c]) => c === code)?.[0] ?? `status_${code}`;
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
