import type { Instance } from "./instance.ts";
import { MINUTE_MS } from "./time.ts";
import type { Assignment } from "./types.ts";

/** Broken promises of a plan: reps over capacity, tasks ending after their deadline, overlaps. */
export interface PlanViolations {
  capacity: { repId: string; minutes: number; capacity: number }[];
  deadlines: { taskId: string; endsAt: string; deadline: string }[];
  overlaps: { repId: string; taskId: string }[];
  duplicates: string[];
}

/** Checks a plan against its instance from scratch (it does not trust the solver). */
export function checkPlan(inst: Instance, assignments: Assignment[]): PlanViolations {
  const out: PlanViolations = { capacity: [], deadlines: [], overlaps: [], duplicates: [] };
  const arcOf = new Map(inst.arcs.map((x) => [`${inst.tasks[x.task]!.id}:${inst.reps[x.rep]!.id}`, x]));
  const seen = new Set<string>();
  for (const rep of inst.reps) {
    const mine = assignments.filter((a) => a.repId === rep.id).sort((a, b) => a.startsAt - b.startsAt);
    const minutes = mine.reduce((s, a) => s + a.minutes, 0);
    if (minutes > rep.capacityMinutes)
      out.capacity.push({ repId: rep.id, minutes, capacity: rep.capacityMinutes });
    let free = rep.dayStart;
    for (const a of mine) {
      if (a.startsAt < free) out.overlaps.push({ repId: rep.id, taskId: a.taskId });
      free = a.endsAt;
      const arc = arcOf.get(`${a.taskId}:${rep.id}`);
      const deadline = arc ? rep.dayStart + arc.deadline * MINUTE_MS : -Infinity;
      if (a.endsAt > deadline)
        out.deadlines.push({
          taskId: a.taskId,
          endsAt: new Date(a.endsAt).toISOString(),
          deadline: Number.isFinite(deadline) ? new Date(deadline).toISOString() : "not allowed",
        });
    }
  }
  for (const a of assignments) {
    if (seen.has(a.taskId)) out.duplicates.push(a.taskId);
    seen.add(a.taskId);
  }
  return out;
}

/** How many violations in all (0 for every valid plan). */
export const violationCount = (v: PlanViolations): number =>
  v.capacity.length + v.deadlines.length + v.overlaps.length + v.duplicates.length;
