import type { PlannerPolicy } from "./policy.ts";
import { DAY_MS } from "./time.ts";
import type { Match, PlanTask } from "./types.ts";

/**
 * How much a task is worth doing on the plan day, in the currency of its expected value:
 *
 *     value today = EV × urgency,  urgency = 0.5 ^ (days due after the plan day's end / half-life)
 *
 * A task due by the end of the plan day (UTC), or without a due time, counts in full; one due a
 * week later (half-life 7 days) counts half. EV is the proposing agent's expected value (see the
 * README for each formula: P(convert) × lead value, amount × P(win), ARR × churn risk …).
 */
export function valueToday(task: PlanTask, planDate: string, policy: PlannerPolicy): number {
  const ev = Math.max(0, task.expectedValue);
  if (!task.dueAt) return ev;
  const dayEnd = Date.parse(`${planDate}T00:00:00Z`) + DAY_MS;
  const daysLate = Math.max(0, (Date.parse(task.dueAt) - dayEnd) / DAY_MS);
  return ev * Math.pow(0.5, daysLate / policy.urgencyHalfLifeDays);
}

/** The objective weight of a placement: value today × the match weight (owner > territory > pool). */
export function placementValue(value: number, match: Match, policy: PlannerPolicy): number {
  return value * policy.matchWeights[match];
}

/** Tasks in ranking order: value today descending, then due time, then id (deterministic). */
export function rankTasks<T extends { id: string; dueAt: string | null }>(
  tasks: T[],
  values: Map<string, number>,
): T[] {
  const due = (t: T) => (t.dueAt ? Date.parse(t.dueAt) : Infinity);
  return [...tasks].sort(
    (a, b) =>
      values.get(b.id)! - values.get(a.id)! || due(a) - due(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
