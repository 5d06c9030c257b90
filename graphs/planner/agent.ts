import type { AgentDefinition } from "../runtime/index.ts";
import { compilePlannerGraph } from "./graph.ts";
import { plannerInput } from "./input.ts";
import type { PlanSummary } from "./summary.ts";

/** The nightly planner as the runtime runs it (`planner`): target all, options in `filter`. */
export const plannerAgent: AgentDefinition = {
  name: "planner",
  graph: compilePlannerGraph,
  input: plannerInput,
  summarize: (values) => {
    const s = values.summary as PlanSummary | null | undefined;
    if (!s) return [];
    return [
      `plan ${s.planDate}: ${s.method} (${s.status}) objective ${s.objective.toFixed(2)} bound ${s.bound.toFixed(2)} gap ${(100 * s.gap).toFixed(3)}%`,
      ...s.reps
        .filter((r) => r.tasks > 0)
        .map((r) => `  ${r.name} (${r.role}): ${r.tasks} tasks, ${r.usedMinutes}/${r.capacityMinutes} min`),
    ];
  },
};
