/** A task the plan may assign: one open task row, with what the planner needs to place it. */
export interface PlanTask {
  id: string;
  /** The agent whose proposal step produced it (sales, cs, marketing, support …). */
  source: string;
  type: string;
  title: string;
  entityKind: string;
  entityId: string;
  /** The proposal's expected value (see agents/planner/README.md for each source's formula). */
  expectedValue: number;
  minutes: number;
  /** ISO 8601, or null when the task has no due time. */
  dueAt: string | null;
  /** A skill the assignee must have (the task's own, else the policy's skill for its type). */
  requiredSkill: string | null;
  /** Who owns the entity the task is about (account, deal or lead owner): assigned first. */
  ownerId: string | null;
  /** The owner's territories: their colleagues in the same territory come next. */
  territories: string[];
}

/** A person the plan may give work to, for the plan's day. */
export interface PlanRep {
  id: string;
  name: string;
  role: string;
  /** Task minutes the plan may fill on the day (capacity hours per day × 60). */
  capacityMinutes: number;
  skills: string[];
  territories: string[];
  timeZone: string;
  /** When the rep's working day starts (epoch ms): the plan date at the policy's start hour in their zone. */
  dayStart: number;
}

/** How a rep relates to a task: its owner, a colleague in the owner's territory, or anyone eligible. */
export type Match = "owner" | "territory" | "pool";

/** One task placed in one rep's day. */
export interface Assignment {
  taskId: string;
  repId: string;
  /** Position in the rep's day (0 first). */
  position: number;
  startsAt: number;
  endsAt: number;
  minutes: number;
  /** The plan value the objective counted for this placement (value today × match weight). */
  value: number;
  match: Match;
}

/** A task the plan did not place, and why. */
export interface Unassigned {
  taskId: string;
  reason: string;
}

/** Which method produced the plan. */
export type PlanMethod = "mip" | "greedy";

/** A solved plan: placements, the objective and a proven upper bound on it. */
export interface PlanSolution {
  method: PlanMethod;
  /** HiGHS's model status (e.g. `optimal`, `time_limit`) or `heuristic` for the greedy. */
  status: string;
  /** Σ placement values. */
  objective: number;
  /** An upper bound on the best possible objective: HiGHS's MIP dual bound, or a relaxation's. */
  bound: number;
  /**
   * Where the bound came from: `mip_dual_bound` (HiGHS), `lagrangian` (the LP relaxation's
   * Lagrangian bound, for the greedy), `fractional_knapsack` (an empty instance; plans stored
   * before the Lagrangian bound).
   */
  boundSource: "mip_dual_bound" | "lagrangian" | "fractional_knapsack";
  /** (bound − objective) / max(bound, 1e-9); 0 when the bound is 0. */
  gap: number;
  solveMs: number;
  assignments: Assignment[];
  unassigned: Unassigned[];
  /** Why the greedy ran instead of the MIP (size over the threshold, solver failure), if it did. */
  fallback: string | null;
}
