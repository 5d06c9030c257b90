import type { Arc, Instance } from "./instance.ts";
import { fitsDay } from "./schedule.ts";

/**
 * The greedy plan: tasks by value today per minute of work (highest first); each goes to the eligible rep with the
 * best placement weight (owner, then territory, then pool; ties to more free minutes, then rep
 * order) whose day still fits it. Linear in the number of (task, rep) pairs times a rep's day.
 */
export function greedyArcs(inst: Instance): Arc[] {
  const arcsOf = new Map<number, Arc[]>();
  for (const a of inst.arcs) {
    const list = arcsOf.get(a.task);
    if (list) list.push(a);
    else arcsOf.set(a.task, [a]);
  }
  const used = inst.reps.map(() => 0);
  const day: Arc[][] = inst.reps.map(() => []);
  const minMinutes = inst.tasks.reduce((m, t) => Math.min(m, t.minutes), Infinity);
  // value per minute of work: a knapsack's best greedy order (long, modest tasks wait)
  const density = (ti: number) => inst.values[ti]! / inst.tasks[ti]!.minutes;
  const order = [...arcsOf.keys()].sort(
    (a, b) => density(b) - density(a) || (inst.tasks[a]!.id < inst.tasks[b]!.id ? -1 : 1),
  );
  const chosen: Arc[] = [];
  for (const ti of order) {
    if (used.every((u, ri) => inst.reps[ri]!.capacityMinutes - u < minMinutes)) break;
    const minutes = inst.tasks[ti]!.minutes;
    const options = arcsOf
      .get(ti)!
      .filter((a) => used[a.rep]! + minutes <= inst.reps[a.rep]!.capacityMinutes)
      .sort(
        (a, b) =>
          b.weight - a.weight ||
          inst.reps[b.rep]!.capacityMinutes -
            used[b.rep]! -
            (inst.reps[a.rep]!.capacityMinutes - used[a.rep]!) ||
          a.rep - b.rep,
      );
    for (const a of options) {
      if (!fitsDay(inst, [...day[a.rep]!, a], inst.reps[a.rep]!.capacityMinutes)) continue;
      day[a.rep]!.push(a);
      used[a.rep]! += minutes;
      chosen.push(a);
      break;
    }
  }
  return chosen;
}

/**
 * An upper bound on any plan's objective, for the greedy (which has no solver bound): relax
 * "each rep's own day" to one pool of everyone's minutes, let tasks be taken fractionally at
 * their best weight, and fill the pool by weight per minute (a fractional knapsack, solved exactly
 * by sorting). Every feasible plan is feasible for the relaxation, so this is a valid bound.
 */
export function fractionalKnapsackBound(inst: Instance): number {
  const best = new Map<number, number>();
  for (const a of inst.arcs) best.set(a.task, Math.max(best.get(a.task) ?? 0, a.weight));
  let room = inst.reps.reduce((s, r) => s + r.capacityMinutes, 0);
  let bound = 0;
  const items = [...best.entries()]
    .map(([ti, w]) => ({ w, m: inst.tasks[ti]!.minutes }))
    .sort((a, b) => b.w / b.m - a.w / a.m);
  for (const it of items) {
    if (room <= 0) break;
    const take = Math.min(1, room / it.m);
    bound += take * it.w;
    room -= take * it.m;
  }
  return bound;
}
