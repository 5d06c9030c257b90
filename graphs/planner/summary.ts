/** What a solved plan comes to: its numbers and each person's load (plain JSON, checkpointed). */
export interface PlanSummary {
  planId: string;
  planDate: string;
  method: "mip" | "greedy";
  /** HiGHS's model status, or `heuristic`. */
  status: string;
  objective: number;
  bound: number;
  boundSource: string;
  gap: number;
  solveMs: number;
  fallback: string | null;
  stats: Record<string, unknown>;
  reps: {
    id: string;
    name: string;
    role: string;
    capacityMinutes: number;
    usedMinutes: number;
    tasks: number;
  }[];
}
