import { assignmentModel, loadHighs } from "../highs-model.ts";
import type { Instance } from "../instance.ts";

/** HiGHS on the plan's model with integrality dropped: the exact LP bound, if it finished. */
export interface LpRelaxation {
  /** `optimal`, `time_limit`, … (HiGHS's model status, snake case). */
  status: string;
  /** The LP optimum when `status` is `optimal`, else null. */
  bound: number | null;
  ms: number;
}

/**
 * Solves the LP relaxation of the assignment model (highs-model.ts: the same columns and rows,
 * every x in [0, 1] instead of {0, 1}) with HiGHS's dual simplex, within `timeLimitSeconds`.
 */
export async function lpRelaxation(inst: Instance, timeLimitSeconds: number): Promise<LpRelaxation> {
  const highs = await loadHighs();
  const { model } = assignmentModel(inst, highs.constants.objectiveSense.maximize);
  const started = performance.now();
  return highs.withModel({ ...model, integrality: undefined }, (m) => {
    m.options.set({ output_flag: false, time_limit: timeLimitSeconds, solver: "simplex" });
    m.run();
    const code = m.getModelStatus() as number;
    const status =
      Object.entries(highs.constants.modelStatus)
        .find(([, c]) => c === code)?.[0]
        ?.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) ?? `status_${code}`;
    return {
      status,
      bound: status === "optimal" ? m.getObjectiveValue() : null,
      ms: performance.now() - started,
    };
  });
}
