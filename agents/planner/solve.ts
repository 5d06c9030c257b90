import { fractionalKnapsackBound, greedyArcs } from "./greedy.ts";
import { assignmentModel, loadHighs } from "./highs-model.ts";
import type { Arc, Instance } from "./instance.ts";
import type { PlannerPolicy } from "./policy.ts";
import { scheduleArcs } from "./schedule.ts";
import type { PlanSolution } from "./types.ts";

/**
 * Solves the instance: the HiGHS MIP when it has at most `policy.mipMaxArcs` (task, rep) pairs,
 * warm-started with the greedy plan (so it is never worse); otherwise — or when HiGHS ends
 * without a solution — the greedy with its fractional-knapsack bound. `now` times the solve.
 */
export async function solvePlan(
  inst: Instance,
  policy: PlannerPolicy,
  now: () => number,
): Promise<PlanSolution> {
  const started = now();
  const greedy = greedyArcs(inst);
  if (inst.arcs.length === 0)
    return finish(inst, greedy, "greedy", "empty", 0, "fractional_knapsack", started, now, null);
  if (inst.arcs.length > policy.mipMaxArcs) {
    const why = `${inst.arcs.length} task-rep pairs > mipMaxArcs ${policy.mipMaxArcs}`;
    return finish(
      inst,
      greedy,
      "greedy",
      "heuristic",
      fractionalKnapsackBound(inst),
      "fractional_knapsack",
      started,
      now,
      why,
    );
  }
  const highs = await loadHighs();
  const { model: data, warmStart } = assignmentModel(inst, highs.constants.objectiveSense.maximize);
  const index = new Map(inst.arcs.map((a, i) => [a, i]));
  const start = warmStart(new Set(greedy.map((a) => index.get(a)!)));
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
    return finish(
      inst,
      greedy,
      "greedy",
      "heuristic",
      fractionalKnapsackBound(inst),
      "fractional_knapsack",
      started,
      now,
      why,
    );
  }
  const chosen = inst.arcs.filter((_, i) => result.columns![i]! > 0.5);
  // before HiGHS has a dual bound (e.g. stopped by its time limit in the root LP) it reports
  // ±infinity: the plan then carries the relaxation bound, which is always valid
  const bound = Number.isFinite(result.bound) ? result.bound : fractionalKnapsackBound(inst);
  const source = Number.isFinite(result.bound) ? "mip_dual_bound" : "fractional_knapsack";
  return finish(inst, chosen, "mip", result.status, bound, source, started, now, null);
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
