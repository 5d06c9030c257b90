import type { Arc, Instance } from "./instance.ts";
import { fitsDay } from "./schedule.ts";

/**
 * A plan from fractional shares of the arcs (an estimate of the LP relaxation's solution, e.g. the
 * Lagrangian bound's `shares`): arcs by share, highest first (ties by weight per minute), each
 * placed when its task is still free and its rep's day still fits it. Arcs with no share are left
 * for the local search to fill.
 */
export function roundShares(inst: Instance, shares: Float64Array): Arc[] {
  const density = (i: number) => inst.arcs[i]!.weight / inst.tasks[inst.arcs[i]!.task]!.minutes;
  const order = [...shares.keys()]
    .filter((i) => shares[i]! > 1e-6)
    .sort((a, b) => shares[b]! - shares[a]! || density(b) - density(a) || a - b);
  const day: Arc[][] = inst.reps.map(() => []);
  const used = inst.reps.map(() => 0);
  const taken = new Set<number>();
  const chosen: Arc[] = [];
  for (const i of order) {
    const a = inst.arcs[i]!;
    const capacity = inst.reps[a.rep]!.capacityMinutes;
    if (taken.has(a.task) || used[a.rep]! + inst.tasks[a.task]!.minutes > capacity) continue;
    if (!fitsDay(inst, [...day[a.rep]!, a], capacity)) continue;
    day[a.rep]!.push(a);
    used[a.rep]! += inst.tasks[a.task]!.minutes;
    taken.add(a.task);
    chosen.push(a);
  }
  return chosen;
}
