import { PLANNER_TOOLS } from "../../agents/planner/index.ts";
import type { AgentDefinition } from "../runtime/index.ts";
import { compilePlannerGraph } from "./graph.ts";
import { plannerInput } from "./input.ts";
import type { PlanSummary } from "./summary.ts";

/** The nightly planner as the runtime runs it (`planner`): target all, options in `filter`. */
export const plannerAgent: AgentDefinition = {
  name: "planner",
  tools: PLANNER_TOOLS,
  graph: compilePlannerGraph,
  input: plannerInput,
  // proposal steps read facts by id and never search memory: a plan must not build the index
  semanticMemory: false,
  // one proposal step per (batch, source) is sent at once; two at a time keep the store busy
  // without holding every batch's reads in memory (800 sends on a 100,000-account book)
  maxConcurrency: 2,
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
