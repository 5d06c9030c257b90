import { describe, expect, it } from "vitest";
import {
  buildInstance,
  checkPlan,
  greedyArcs,
  improvePlan,
  lagrangianBound,
  parsePlannerPolicy,
  roundShares,
  scheduleArcs,
  solvePlan,
  violationCount,
} from "./index.ts";
import type { Arc, PlanRep, PlanTask } from "./index.ts";
import { generatedInstance } from "./testing/instance.ts";

const DAY = "2026-11-02";
const START = Date.parse(`${DAY}T09:00:00Z`);
const policy = parsePlannerPolicy({});
const objective = (arcs: Arc[]) => arcs.reduce((s, a) => s + a.weight, 0);

describe("local search after the greedy", () => {
  it("rounds the Lagrangian's LP estimate into a valid plan; the fallback keeps the better plan", async () => {
    const g = generatedInstance({ tasks: 600, reps: 12, seed: 5 });
    const small = parsePlannerPolicy({ mipMaxArcs: 100 });
    const inst = buildInstance(g.planDate, g.tasks, g.reps, small);
    const searched = improvePlan(inst, greedyArcs(inst)).chosen;
    const lag = lagrangianBound(inst, { lowerBound: objective(searched) });
    expect(lag.shares).toHaveLength(inst.arcs.length);
    // an average of the inner problems' solutions: each share in [0, 1] (tasks may be over-shared)
    for (const x of lag.shares) expect(x >= 0 && x <= 1 + 1e-9).toBe(true);
    const rounded = roundShares(inst, lag.shares);
    expect(violationCount(checkPlan(inst, scheduleArcs(inst, rounded).assignments))).toBe(0);
    expect(new Set(rounded.map((a) => a.task)).size).toBe(rounded.length);
    const plan = await solvePlan(inst, small, () => performance.now());
    const best = Math.max(objective(searched), objective(improvePlan(inst, rounded).chosen));
    expect(plan.objective).toBeCloseTo(best, 6);
    expect(plan).toMatchObject({ method: "greedy", boundSource: "lagrangian", bound: lag.bound });
    expect(violationCount(checkPlan(inst, plan.assignments))).toBe(0);
  });

  it.each([
    { tasks: 200, reps: 10, seed: 42 },
    { tasks: 400, reps: 10, seed: 3 },
    { tasks: 1000, reps: 16, seed: 9 },
  ])("$tasks tasks × $reps people: never worse, 0 violations, each task once", (size) => {
    const g = generatedInstance(size);
    const inst = buildInstance(g.planDate, g.tasks, g.reps, policy);
    const start = greedyArcs(inst);
    const out = improvePlan(inst, start);
    expect(objective(out.chosen)).toBeGreaterThanOrEqual(objective(start) - 1e-6);
    expect(objective(out.chosen)).toBeCloseTo(objective(start) + out.gain, 3);
    expect(violationCount(checkPlan(inst, scheduleArcs(inst, out.chosen).assignments))).toBe(0);
    expect(new Set(out.chosen.map((a) => a.task)).size).toBe(out.chosen.length);
    // deterministic
    expect(improvePlan(inst, start).chosen).toEqual(out.chosen);
  });

  it("moves a task to its owner and swaps a more valuable task in, keeping due times", () => {
    const rep = (id: string): PlanRep => ({
      id,
      name: id,
      role: "rep",
      capacityMinutes: 60,
      skills: [],
      territories: ["DACH"],
      timeZone: "UTC",
      dayStart: START,
    });
    const task = (id: string, over: Partial<PlanTask>): PlanTask => ({
      id,
      source: "sales",
      type: "reengage_deal",
      title: id,
      entityKind: "deal",
      entityId: `e-${id}`,
      expectedValue: 1000,
      minutes: 60,
      dueAt: null,
      requiredSkill: null,
      ownerId: null,
      territories: ["DACH"],
      ...over,
    });
    const tasks = [
      task("owned", { ownerId: "a", expectedValue: 1000 }),
      task("due", { ownerId: "b", expectedValue: 900, dueAt: new Date(START + 60 * 60_000).toISOString() }),
    ];
    const inst = buildInstance(DAY, tasks, [rep("a"), rep("b")], policy);
    // a poor start: each task on the other person's day (territory weight 0.8)
    const start = inst.arcs.filter((a) => a.match === "territory");
    expect(start).toHaveLength(2);
    const out = improvePlan(inst, start);
    const byTask = Object.fromEntries(out.chosen.map((a) => [inst.tasks[a.task]!.id, a.match]));
    expect(byTask).toEqual({ owned: "owner", due: "owner" });
    expect(out.gain).toBeCloseTo(0.2 * 1900, 6);
    expect(violationCount(checkPlan(inst, scheduleArcs(inst, out.chosen).assignments))).toBe(0);
  });
});
