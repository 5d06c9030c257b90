import { describe, expect, it } from "vitest";
import {
  buildInstance,
  fractionalKnapsackBound,
  greedyArcs,
  lagrangianBound,
  parsePlannerPolicy,
  solvePlan,
} from "./index.ts";
import type { PlanRep, PlanTask } from "./index.ts";
import { generatedInstance } from "./testing/instance.ts";
import { lpRelaxation } from "./testing/lp-relaxation.ts";

const DAY = "2026-11-02";
const START = Date.parse(`${DAY}T09:00:00Z`);
const exact = parsePlannerPolicy({ mipRelGap: 0, mipTimeLimitSeconds: 120 });
const clock = () => performance.now();
const objective = (arcs: { weight: number }[]) => arcs.reduce((s, a) => s + a.weight, 0);

describe("Lagrangian bound", () => {
  it.each([
    { tasks: 30, reps: 3, seed: 1 },
    { tasks: 40, reps: 4, seed: 2 },
    { tasks: 60, reps: 4, seed: 3 },
    { tasks: 80, reps: 6, seed: 4 },
    { tasks: 120, reps: 8, seed: 7 },
  ])(
    "$tasks tasks × $reps people (seed $seed): ≥ the MIP optimum and the LP optimum, close to the LP",
    async (size) => {
      const g = generatedInstance(size);
      const inst = buildInstance(g.planDate, g.tasks, g.reps, exact);
      const mip = await solvePlan(inst, exact, clock);
      expect(mip.status).toBe("optimal");
      const lp = await lpRelaxation(inst, 60);
      expect(lp.status).toBe("optimal");
      const lpBound = lp.bound!;
      const tol = 1e-7 * lpBound;
      expect(lpBound).toBeGreaterThanOrEqual(mip.objective - tol);

      // any multipliers give a valid bound: the first ones (knapsack prices), then the optimised
      const first = lagrangianBound(inst, { iterations: 0 });
      expect(first.initial).toBeGreaterThanOrEqual(lpBound - tol);
      expect(first.initial).toBeLessThanOrEqual(fractionalKnapsackBound(inst) + tol);
      const best = lagrangianBound(inst, { lowerBound: objective(greedyArcs(inst)) });
      expect(best.bound).toBeGreaterThanOrEqual(lpBound - tol);
      expect(best.bound).toBeGreaterThanOrEqual(mip.objective - tol);
      expect(best.bound).toBeLessThanOrEqual(first.bound + tol);
      expect(best.bound / lpBound).toBeLessThan(1 + 1e-3);
    },
    120_000,
  );

  it("keeps each person's due-time rows: tighter than a bound that drops them", async () => {
    const rep: PlanRep = {
      id: "a",
      name: "a",
      role: "rep",
      capacityMinutes: 240,
      skills: [],
      territories: [],
      timeZone: "UTC",
      dayStart: START,
    };
    // six hours of valuable work all due by 10:00, and one modest task with no due time
    const tasks: PlanTask[] = [...Array.from({ length: 6 }, (_, i) => i), 6].map((i) => ({
      id: `t${i}`,
      source: "sales",
      type: "reengage_deal",
      title: `t${i}`,
      entityKind: "deal",
      entityId: `e${i}`,
      expectedValue: i < 6 ? 10_000 + i : 100,
      minutes: i < 6 ? 60 : 30,
      dueAt: i < 6 ? new Date(START + 60 * 60_000).toISOString() : null,
      requiredSkill: null,
      ownerId: "a",
      territories: [],
    }));
    const inst = buildInstance(DAY, tasks, [rep], exact);
    const lp = await lpRelaxation(inst, 60);
    const lag = lagrangianBound(inst, { lowerBound: objective(greedyArcs(inst)) });
    // one hour by 10:00 (the best of the six), then the 30-minute task: capacity alone would allow four hours
    expect(lp.bound).toBeCloseTo(10_005 + 100, 6);
    expect(lag.bound).toBeGreaterThanOrEqual(lp.bound! - 1e-6);
    expect(lag.bound).toBeLessThan(lp.bound! * (1 + 1e-6));
    expect(fractionalKnapsackBound(inst)).toBeGreaterThan(40_000);
  });
});
