import type { Arc, Instance } from "./instance.ts";

/** What the local search did: the plan after it, and the value it added. */
export interface Improved {
  chosen: Arc[];
  gain: number;
  moves: number;
  passes: number;
}

/**
 * Local search after the greedy: moves that each raise the objective and keep every rep's day
 * feasible (capacity and due times, checked with `fitsDay`, the same test the greedy uses; the
 * stored plan is re-checked from scratch anyway). Per pass, in a fixed order (deterministic):
 *
 * - **relocate**: a placed task moves to a rep with a higher weight for it (its owner, say) whose
 *   day fits it, or trades places with a task of that rep when the two weights gain;
 * - **insert**: an unplaced task goes where it still fits, at its best weight;
 * - **swap**: an unplaced task takes the place of a placed one of lower weight on the same rep,
 *   and the displaced task moves to another rep where it fits, if any (else it is unplaced).
 *
 * Tasks are tried by best weight per minute, the first `candidatesPerPlaced` × (tasks the start
 * placed) of them (at least 100), which bounds the work. Stops after `maxPasses` or a pass that
 * adds nothing.
 */
export function improvePlan(
  inst: Instance,
  start: Arc[],
  options: { maxPasses?: number; candidatesPerPlaced?: number } = {},
): Improved {
  const maxPasses = options.maxPasses ?? 6;
  const perPlaced = options.candidatesPerPlaced ?? 3;
  const arcsOf: Arc[][] = inst.tasks.map(() => []);
  for (const a of inst.arcs) arcsOf[a.task]!.push(a);
  for (const list of arcsOf) list.sort((x, y) => y.weight - x.weight || x.rep - y.rep);
  const placed: (Arc | null)[] = inst.tasks.map(() => null);
  const day: Arc[][] = inst.reps.map(() => []);
  const used = inst.reps.map(() => 0);
  const minutes = (a: Arc) => inst.tasks[a.task]!.minutes;
  const cap = (r: number) => inst.reps[r]!.capacityMinutes;
  // each rep's day in deadline order: a change fits when the running minutes stay within every
  // deadline and the capacity (the earliest-deadline-first test of fitsDay, without re-sorting)
  const add = (a: Arc) => {
    placed[a.task] = a;
    const list = day[a.rep]!;
    let at = list.length;
    while (at > 0 && list[at - 1]!.deadline > a.deadline) at--;
    list.splice(at, 0, a);
    used[a.rep]! += minutes(a);
  };
  const remove = (a: Arc) => {
    placed[a.task] = null;
    const list = day[a.rep]!;
    list.splice(list.indexOf(a), 1);
    used[a.rep]! -= minutes(a);
  };
  const fitsWith = (r: number, extra: Arc, without: Arc | null = null): boolean => {
    const capacity = cap(r);
    if (used[r]! - (without ? minutes(without) : 0) + minutes(extra) > capacity) return false;
    let end = 0;
    let pending = true;
    for (const a of day[r]!) {
      if (pending && extra.deadline < a.deadline) {
        end += minutes(extra);
        if (end > extra.deadline) return false;
        pending = false;
      }
      if (a === without) continue;
      end += minutes(a);
      if (end > a.deadline) return false;
    }
    if (pending) end += minutes(extra);
    return end <= capacity && (!pending || end <= extra.deadline);
  };
  for (const a of start) add(a);
  const room = () => inst.reps.reduce((m, r, ri) => Math.max(m, r.capacityMinutes - used[ri]!), 0);

  const eps = 1e-9;
  const arcTo = (t: number, r: number) => arcsOf[t]!.find((c) => c.rep === r) ?? null;
  // the best move of placed arc a to a better-weighted rep: alone if it fits, else exchanged
  // with a task v of that rep that a's rep can take in its place
  const relocation = (a: Arc) => {
    let best: { gain: number; to: Arc; back: { from: Arc; to: Arc } | null } | null = null;
    for (const b of arcsOf[a.task]!) {
      if (b.weight <= a.weight + eps || (best && b.weight - a.weight <= best.gain)) break;
      if (b.rep === a.rep) continue;
      if (fitsWith(b.rep, b)) {
        // a plain move: later (lighter) arcs can only gain less by moving alone
        const g = b.weight - a.weight;
        return best && best.gain >= g ? best : { gain: g, to: b, back: null };
      }
      for (const v of day[b.rep]!) {
        const back = arcTo(v.task, a.rep);
        if (!back) continue;
        const g = b.weight - a.weight + back.weight - v.weight;
        if (g <= eps || (best && g <= best.gain)) continue;
        if (!fitsWith(b.rep, b, v) || !fitsWith(a.rep, back, a)) continue;
        best = { gain: g, to: b, back: { from: v, to: back } };
      }
    }
    return best;
  };
  const density = (t: number) => (arcsOf[t]![0]?.weight ?? 0) / inst.tasks[t]!.minutes;
  const candidates = inst.tasks
    .map((_, t) => t)
    .filter((t) => arcsOf[t]!.length > 0)
    .sort((a, b) => density(b) - density(a) || a - b)
    // the denser end is where moves pay: a task far down the order loses to any placed one
    .slice(0, Math.max(100, perPlaced * start.length));
  let gain = 0;
  let moves = 0;
  let passes = 0;
  while (passes < maxPasses) {
    passes++;
    const before = gain;
    // relocate placed tasks to better-weighted reps, or exchange them with a task there
    for (const t of candidates) {
      const a = placed[t];
      if (!a) continue;
      const move = relocation(a);
      if (!move) continue;
      remove(a);
      if (move.back) remove(move.back.from);
      add(move.to);
      if (move.back) add(move.back.to);
      gain += move.gain;
      moves++;
    }
    // insert or swap in unplaced tasks
    let maxRoom = room();
    for (const t of candidates) {
      if (placed[t]) continue;
      let best: { gain: number; arc: Arc; out: Arc | null; moveTo: Arc | null } | null = null;
      for (const b of arcsOf[t]!) {
        if (best && b.weight <= best.gain) break;
        if (fitsWith(b.rep, b)) {
          if (!best || b.weight > best.gain) best = { gain: b.weight, arc: b, out: null, moveTo: null };
          break;
        }
        for (const u of day[b.rep]!) {
          // what moving u elsewhere could add: nothing when no rep has the room for it
          const most = b.weight - u.weight + (minutes(u) <= maxRoom ? arcsOf[u.task]![0]!.weight : 0);
          if (most <= eps) continue;
          if (used[b.rep]! - minutes(u) + minutes(b) > cap(b.rep)) continue;
          if (best && most <= best.gain) continue;
          if (!fitsWith(b.rep, b, u)) continue;
          const moveTo = arcsOf[u.task]!.find((c) => c.rep !== b.rep && fitsWith(c.rep, c)) ?? null;
          const g = b.weight - u.weight + (moveTo?.weight ?? 0);
          if (g <= eps || (best && g <= best.gain)) continue;
          best = { gain: g, arc: b, out: u, moveTo };
        }
      }
      if (!best) continue;
      if (best.out) remove(best.out);
      add(best.arc);
      if (best.moveTo) add(best.moveTo);
      maxRoom = room();
      gain += best.gain;
      moves++;
    }
    if (gain - before <= eps * Math.max(1, gain)) break;
  }
  return { chosen: inst.arcs.filter((a) => placed[a.task] === a), gain, moves, passes };
}
