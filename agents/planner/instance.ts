import { PlanInstanceError } from "./errors.ts";
import type { PlannerPolicy } from "./policy.ts";
import { MINUTE_MS } from "./time.ts";
import type { Match, PlanRep, PlanTask, Unassigned } from "./types.ts";
import { placementValue, valueToday } from "./value.ts";

/** A (task, rep) pair the plan may use. */
export interface Arc {
  task: number;
  rep: number;
  /** Objective weight: value today × match weight. */
  weight: number;
  /** Minutes from the rep's day start by which the task must end; Infinity when only capacity binds. */
  deadline: number;
  match: Match;
}

/** The assignment problem: tasks, reps, the pairs allowed, and what could go nowhere. */
export interface Instance {
  planDate: string;
  tasks: PlanTask[];
  reps: PlanRep[];
  arcs: Arc[];
  /** Value today per task index. */
  values: number[];
  /** Tasks no rep may take, and why (no role, no skill, cannot finish by its due time …). */
  excluded: Unassigned[];
}

/**
 * Builds the instance. A rep may take a task when their role takes the task's source, they have
 * the required skill, the task fits in their capacity, and it can end by its deadline. The
 * deadline is the due time, or the start of the day plus the overdue grace when the task is
 * overdue at day start (it cannot end by its due time even as the first task), rounded down to the policy's bucket; one at or beyond the
 * end of the rep's capacity is no deadline at all.
 */
export function buildInstance(
  planDate: string,
  tasks: PlanTask[],
  reps: PlanRep[],
  policy: PlannerPolicy,
): Instance {
  for (const r of reps)
    if (!(r.capacityMinutes >= 0) || !Number.isFinite(r.dayStart))
      throw new PlanInstanceError(
        `rep ${r.id} has capacity ${r.capacityMinutes} and day start ${r.dayStart}`,
      );
  const arcs: Arc[] = [];
  const excluded: Unassigned[] = [];
  const values = tasks.map((t) => valueToday(t, planDate, policy));
  tasks.forEach((task, ti) => {
    if (!(task.minutes > 0)) throw new PlanInstanceError(`task ${task.id} has ${task.minutes} minutes`);
    const roles = policy.roles[task.source];
    const skill = task.requiredSkill ?? policy.skillByType[task.type] ?? null;
    const reasons = new Set<string>();
    const before = arcs.length;
    reps.forEach((rep, ri) => {
      if (!roles?.includes(rep.role))
        return void reasons.add(`no ${roles?.join("/") ?? `role for ${task.source}`}`);
      if (skill && !rep.skills.includes(skill)) return void reasons.add(`needs skill ${skill}`);
      if (task.minutes > rep.capacityMinutes) return void reasons.add("longer than any capacity");
      const deadline = deadlineFor(task, rep, policy);
      if (task.minutes > deadline) return void reasons.add("cannot end by its due time");
      const match: Match =
        task.ownerId === rep.id
          ? "owner"
          : rep.territories.some((t) => task.territories.includes(t))
            ? "territory"
            : "pool";
      arcs.push({ task: ti, rep: ri, weight: placementValue(values[ti]!, match, policy), deadline, match });
    });
    if (arcs.length === before)
      excluded.push({ taskId: task.id, reason: reps.length === 0 ? "no reps" : [...reasons].join("; ") });
  });
  return { planDate, tasks, reps, arcs, values, excluded };
}

function deadlineFor(task: PlanTask, rep: PlanRep, policy: PlannerPolicy): number {
  if (!task.dueAt) return Infinity;
  const minutes = (Date.parse(task.dueAt) - rep.dayStart) / MINUTE_MS;
  // a due time the day can still keep is kept; one already past (even as the first task) becomes
  // "within the grace of day start" — late work is still done first, not dropped
  const effective = minutes >= task.minutes ? minutes : policy.overdueGraceMinutes;
  if (effective >= rep.capacityMinutes) return Infinity;
  return Math.floor(effective / policy.deadlineBucketMinutes) * policy.deadlineBucketMinutes;
}
