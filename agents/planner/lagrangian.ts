import { fractionalKnapsackBound } from "./greedy.ts";
import type { Instance } from "./instance.ts";

/** An upper bound on the plan's LP relaxation (hence on every plan), and how it was reached. */
export interface LagrangianBound {
  /** min(best Lagrangian value, fractional-knapsack bound): valid whatever the multipliers. */
  bound: number;
  /** The Lagrangian value at the first multipliers (never above the fractional-knapsack bound). */
  initial: number;
  iterations: number;
  /**
   * Per arc (inst.arcs order): its share x_tr in the inner problems, averaged over the second half
   * of the steps — an estimate of the LP relaxation's solution, for rounding into a plan.
   */
  shares: Float64Array;
}

/** One rep's side of the relaxation: its arcs by weight per minute (highest first) and its levels. */
interface RepSide {
  /** Index of each arc in inst.arcs. */
  arc: Int32Array;
  task: Int32Array;
  weight: Float64Array;
  minutes: Float64Array;
  /** Level of each arc (0 = earliest deadline; the last level is the capacity). */
  level: Int32Array;
  /** Cumulative minute limit of each level. */
  limits: Float64Array;
  /** Scratch: positions of this rep's arcs whose task has λ > 0, filled per evaluation. */
  priced: number[];
}

/**
 * The Lagrangian bound of the assignment model (see highs-model.ts): relax "each task at most
 * once" with multipliers λ_t ≥ 0. For any λ,
 *
 *     L(λ) = Σ_t λ_t + Σ_r max { Σ_t (w_tr − λ_t) x_tr : 0 ≤ x ≤ 1, rep r's deadline and capacity rows }
 *
 * is an upper bound on the LP relaxation (weak duality), so on every plan. Each rep's inner
 * problem keeps its deadline rows: they are nested (the tasks due by 10:00 are among those due by
 * 11:00, and all are within the capacity), so the feasible minutes form a polymatroid and filling
 * them by reduced profit per minute — each task as far as its own and every later level's room
 * allows — solves it exactly. λ starts at the fractional-knapsack prices (λ_t = max(0, best w_t −
 * ρ·minutes_t), ρ the pooled knapsack's last density), where L is already at most that bound, and is
 * then lowered by projected subgradient steps (Polyak steps towards `lowerBound`, a known plan's
 * objective, halved after `patience` steps without progress). At the optimal λ, L equals the LP bound.
 */
export function lagrangianBound(
  inst: Instance,
  options: { lowerBound?: number; iterations?: number; patience?: number; relTolerance?: number } = {},
): LagrangianBound {
  const knapsack = fractionalKnapsackBound(inst);
  const maxIterations = options.iterations ?? 200;
  const patience = options.patience ?? 10;
  const tolerance = options.relTolerance ?? 1e-5;
  const lowerBound = Math.max(0, options.lowerBound ?? 0);
  const nTasks = inst.tasks.length;
  const byRep: number[][] = inst.reps.map(() => []);
  inst.arcs.forEach((a, i) => byRep[a.rep]!.push(i));
  const sides = byRep.map((arcs, ri) => repSide(inst, ri, arcs));
  // each task's arcs as (rep, position in that rep's order)
  const arcsOfTask: { rep: number; at: number }[][] = inst.tasks.map(() => []);
  sides.forEach((side, ri) => side.task.forEach((t, at) => arcsOfTask[t]!.push({ rep: ri, at })));
  const lambda = knapsackPrices(inst, knapsack);
  const used = new Float64Array(nTasks);
  const hasArc = arcsOfTask.map((list) => list.length > 0);

  const shares = new Float64Array(inst.arcs.length);
  let recorded = 0;
  const evaluate = (record: boolean): number => {
    used.fill(0);
    if (record) recorded++;
    for (const side of sides) side.priced.length = 0;
    let value = 0;
    for (let t = 0; t < nTasks; t++) {
      value += lambda[t]!;
      if (lambda[t]! > 0) for (const { rep, at } of arcsOfTask[t]!) sides[rep]!.priced.push(at);
    }
    for (const side of sides) value += repProblem(side, lambda, used, record ? shares : null);
    return value;
  };

  const initial = evaluate(maxIterations === 0);
  let best = initial;
  let step = 1;
  let stale = 0;
  let iterations = 0;
  let value = initial;
  while (iterations < maxIterations) {
    // subgradient: 1 − Σ_r x_tr (projected: a task at λ = 0 that nobody takes cannot go lower)
    let norm = 0;
    for (let t = 0; t < nTasks; t++) {
      if (!hasArc[t]) continue;
      const g = 1 - used[t]!;
      if (g > 0 && lambda[t]! <= 0) continue;
      norm += g * g;
    }
    if (norm === 0 || best - lowerBound <= tolerance * best) break;
    const alpha = (step * (value - lowerBound)) / norm;
    for (let t = 0; t < nTasks; t++) {
      if (!hasArc[t]) continue;
      lambda[t] = Math.max(0, lambda[t]! - alpha * (1 - used[t]!));
    }
    iterations++;
    value = evaluate(iterations > maxIterations / 2);
    if (value < best * (1 - 1e-7)) {
      best = value;
      stale = 0;
    } else if (++stale >= patience) {
      step /= 2;
      stale = 0;
      if (step < 1e-4) break;
    }
  }
  if (recorded === 0) evaluate(true);
  for (let i = 0; i < shares.length; i++) shares[i]! /= recorded;
  return { bound: Math.min(best, knapsack), initial, iterations, shares };
}

function repSide(inst: Instance, ri: number, indices: number[]): RepSide {
  const arcs = indices.map((i) => inst.arcs[i]!);
  const n = arcs.length;
  const density = new Float64Array(n);
  for (let k = 0; k < n; k++) density[k] = arcs[k]!.weight / inst.tasks[arcs[k]!.task]!.minutes;
  const order = Array.from({ length: n }, (_, k) => k).sort(
    (x, y) => density[y]! - density[x]! || arcs[x]!.task - arcs[y]!.task,
  );
  const deadlines = [...new Set(arcs.map((a) => a.deadline).filter(Number.isFinite))].sort((x, y) => x - y);
  const levelOf = new Map(deadlines.map((d, k) => [d, k]));
  const side: RepSide = {
    arc: new Int32Array(n),
    task: new Int32Array(n),
    weight: new Float64Array(n),
    minutes: new Float64Array(n),
    level: new Int32Array(n),
    limits: Float64Array.from([...deadlines, inst.reps[ri]!.capacityMinutes]),
    priced: [],
  };
  order.forEach((k, at) => {
    const a = arcs[k]!;
    side.arc[at] = indices[k]!;
    side.task[at] = a.task;
    side.weight[at] = a.weight;
    side.minutes[at] = inst.tasks[a.task]!.minutes;
    side.level[at] = Number.isFinite(a.deadline) ? levelOf.get(a.deadline)! : deadlines.length;
  });
  return side;
}

/** λ at the pooled knapsack's prices: best weight − ρ · minutes, ρ the density where the pool fills. */
function knapsackPrices(inst: Instance, knapsack: number): Float64Array {
  const best = new Float64Array(inst.tasks.length);
  for (const a of inst.arcs) best[a.task] = Math.max(best[a.task]!, a.weight);
  const room = inst.reps.reduce((s, r) => s + r.capacityMinutes, 0);
  const items = [...best.keys()]
    .filter((t) => best[t]! > 0)
    .sort((a, b) => best[b]! / inst.tasks[b]!.minutes - best[a]! / inst.tasks[a]!.minutes);
  // ρ: the density of the task the pool fills on (0 when every task fits): the pooled knapsack's dual
  let left = room;
  let rho = 0;
  for (const t of items) {
    const m = inst.tasks[t]!.minutes;
    if (left <= m) {
      rho = best[t]! / m;
      break;
    }
    left -= m;
  }
  if (knapsack <= 0) return new Float64Array(inst.tasks.length);
  return best.map((w, t) => Math.max(0, w - rho * inst.tasks[t]!.minutes));
}

/**
 * One rep's inner problem at λ, solved exactly: reduced profit per minute, highest first, each
 * arc taking as many of its task's minutes as its level and every later level still allow. Adds
 * each arc's share x_tr to `used` (and to `shares`, when given) and returns the rep's value.
 */
function repProblem(
  side: RepSide,
  lambda: Float64Array,
  used: Float64Array,
  shares: Float64Array | null,
): number {
  const { arc, task, weight, minutes, level, limits } = side;
  const slack = Float64Array.from(limits);
  const top = limits.length - 1;
  const reduced = (k: number) => (weight[k]! - lambda[task[k]!]!) / minutes[k]!;
  // arcs of priced tasks (λ > 0) move down the static order: they are merged in from their own sort
  const priced = side.priced.filter((k) => weight[k]! > lambda[task[k]!]!);
  const pricedDensity = priced.map(reduced);
  const byDensity = priced.map((_, j) => j).sort((x, y) => pricedDensity[y]! - pricedDensity[x]!);
  let value = 0;
  let i = 0;
  let j = 0;
  while (slack[top]! > 1e-12) {
    while (i < task.length && lambda[task[i]!]! > 0) i++;
    const plain = i < task.length ? reduced(i) : -Infinity;
    const pricedNext = j < byDensity.length ? pricedDensity[byDensity[j]!]! : -Infinity;
    if (plain <= 0 && pricedNext <= 0) break;
    const k = plain >= pricedNext ? i++ : priced[byDensity[j++]!]!;
    let take = minutes[k]!;
    for (let l = level[k]!; l <= top; l++) take = Math.min(take, slack[l]!);
    if (take <= 0) continue;
    for (let l = level[k]!; l <= top; l++) slack[l]! -= take;
    used[task[k]!]! += take / minutes[k]!;
    if (shares) shares[arc[k]!]! += take / minutes[k]!;
    value += reduced(k) * take;
  }
  return value;
}
