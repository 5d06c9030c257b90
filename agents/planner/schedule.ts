import type { Arc, Instance } from "./instance.ts";
import { MINUTE_MS } from "./time.ts";
import type { Assignment, Unassigned } from "./types.ts";

/** Earliest deadline first, then higher weight, then task id: the order a rep's day runs in. */
function eddOrder(inst: Instance, arcs: Arc[]): Arc[] {
  return [...arcs].sort(
    (a, b) =>
      a.deadline - b.deadline ||
      b.weight - a.weight ||
      (inst.tasks[a.task]!.id < inst.tasks[b.task]!.id ? -1 : 1),
  );
}

/**
 * Whether a rep can do all of `arcs` back to back from day start within `capacity` minutes,
 * each ending by its deadline. With every task available at day start this holds exactly when
 * the earliest-deadline-first sequence meets every deadline (the rows of the MIP say the same).
 */
export function fitsDay(inst: Instance, arcs: Arc[], capacity: number): boolean {
  let end = 0;
  for (const a of eddOrder(inst, arcs)) {
    end += inst.tasks[a.task]!.minutes;
    if (end > capacity || end > a.deadline) return false;
  }
  return true;
}

/** Each rep's chosen arcs as a timed day (EDD order from their day start), plus the tasks left over. */
export function scheduleArcs(
  inst: Instance,
  chosen: Arc[],
): { assignments: Assignment[]; unassigned: Unassigned[] } {
  const byRep = new Map<number, Arc[]>();
  for (const a of chosen) {
    const list = byRep.get(a.rep);
    if (list) list.push(a);
    else byRep.set(a.rep, [a]);
  }
  const assignments: Assignment[] = [];
  for (const [ri, arcs] of [...byRep.entries()].sort((a, b) => a[0] - b[0])) {
    const rep = inst.reps[ri]!;
    let at = rep.dayStart;
    eddOrder(inst, arcs).forEach((a, position) => {
      const task = inst.tasks[a.task]!;
      const endsAt = at + task.minutes * MINUTE_MS;
      assignments.push({
        taskId: task.id,
        repId: rep.id,
        position,
        startsAt: at,
        endsAt,
        minutes: task.minutes,
        value: a.weight,
        match: a.match,
      });
      at = endsAt;
    });
  }
  const placed = new Set(assignments.map((a) => a.taskId));
  const excluded = new Set(inst.excluded.map((e) => e.taskId));
  const unassigned: Unassigned[] = [
    ...inst.excluded,
    ...inst.tasks
      .filter((t) => !placed.has(t.id) && !excluded.has(t.id))
      .map((t) => ({ taskId: t.id, reason: "no capacity left for it today" })),
  ];
  return { assignments, unassigned };
}
