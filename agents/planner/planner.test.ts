import { describe, expect, it } from "vitest";
import {
  buildInstance,
  checkPlan,
  dedupeTasks,
  fractionalKnapsackBound,
  greedyArcs,
  parsePlanDate,
  parsePlannerPolicy,
  solvePlan,
  violationCount,
  zonedDayStart,
} from "./index.ts";
import type { PlanRep, PlanTask } from "./index.ts";
import { generatedInstance } from "./testing/instance.ts";

const DAY = "2026-11-02";
const START = Date.parse(`${DAY}T09:00:00Z`);
const policy = parsePlannerPolicy({});
const clock = () => performance.now();

const rep = (id: string, over: Partial<PlanRep> = {}): PlanRep => ({
  id,
  name: id,
  role: "rep",
  capacityMinutes: 120,
  skills: [],
  territories: ["DACH"],
  timeZone: "UTC",
  dayStart: START,
  ...over,
});
const task = (id: string, over: Partial<PlanTask> = {}): PlanTask => ({
  id,
  source: "sales",
  type: "reengage_deal",
  title: id,
  entityKind: "deal",
  entityId: `e-${id}`,
  expectedValue: 1000,
  minutes: 30,
  dueAt: null,
  requiredSkill: null,
  ownerId: null,
  territories: [],
  ...over,
});

describe("planner domain", () => {
  it("gives a task to its owner first, then the owner's territory, and never to a role that does not take it", async () => {
    const reps = [rep("a"), rep("b", { territories: ["NA-East"] }), rep("c"), rep("cs1", { role: "cs" })];
    const tasks = [
      task("t1", { ownerId: "a", territories: ["DACH"] }),
      task("t2", { ownerId: "x", territories: ["DACH"] }),
    ];
    const inst = buildInstance(DAY, tasks, reps, policy);
    const plan = await solvePlan(inst, policy, clock);
    const by = Object.fromEntries(plan.assignments.map((a) => [a.taskId, a]));
    expect(by.t1).toMatchObject({ repId: "a", match: "owner" });
    expect(by.t2!.match).toBe("territory");
    expect(["a", "c"]).toContain(by.t2!.repId);
    expect(plan.assignments.some((a) => a.repId === "cs1")).toBe(false);
  });

  it("needs the skill (the task's own, or the policy's for its type)", () => {
    const reps = [rep("plain", { role: "cs" }), rep("esc", { role: "cs", skills: ["escalations"] })];
    const inst = buildInstance(
      DAY,
      [task("x", { source: "cs", type: "cs_escalation" }), task("y", { source: "cs", requiredSkill: "de" })],
      reps,
      policy,
    );
    expect(inst.arcs.map((a) => inst.reps[a.rep]!.id)).toEqual(["esc"]);
    expect(inst.excluded.map((e) => e.taskId)).toEqual(["y"]);
    expect(inst.excluded[0]!.reason).toMatch(/needs skill de/);
  });

  it("keeps due times: a task due at 10:00 ends by then, an overdue one within the grace", async () => {
    const tasks = [
      task("late", { minutes: 60, dueAt: new Date(START + 60 * 60_000).toISOString(), expectedValue: 10 }),
      task("big", { minutes: 90, expectedValue: 5000 }),
      task("overdue", { minutes: 30, dueAt: new Date(START - 3_600_000).toISOString(), expectedValue: 100 }),
    ];
    const inst = buildInstance(DAY, tasks, [rep("a", { capacityMinutes: 240 })], policy);
    const plan = await solvePlan(inst, policy, clock);
    const by = Object.fromEntries(plan.assignments.map((a) => [a.taskId, a]));
    expect(by.late!.endsAt).toBeLessThanOrEqual(START + 60 * 60_000);
    expect(by.overdue!.endsAt).toBeLessThanOrEqual(START + policy.overdueGraceMinutes * 60_000);
    expect(violationCount(checkPlan(inst, plan.assignments))).toBe(0);
  });

  it("solves a generated instance with HiGHS: 0 violations, objective ≤ bound, never worse than the greedy", async () => {
    const g = generatedInstance({ tasks: 120, reps: 8, seed: 7 });
    const inst = buildInstance(g.planDate, g.tasks, g.reps, policy);
    const mip = await solvePlan(inst, policy, clock);
    expect(mip.method).toBe("mip");
    expect(mip.boundSource).toBe("mip_dual_bound");
    expect(violationCount(checkPlan(inst, mip.assignments))).toBe(0);
    expect(mip.objective).toBeLessThanOrEqual(mip.bound * (1 + 1e-6));
    const greedyValue = greedyArcs(inst).reduce((s, a) => s + a.weight, 0);
    expect(mip.objective).toBeGreaterThanOrEqual(greedyValue - 1e-6);
    for (const r of inst.reps) {
      const used = mip.assignments.filter((a) => a.repId === r.id).reduce((s, a) => s + a.minutes, 0);
      expect(used).toBeLessThanOrEqual(r.capacityMinutes);
    }
  }, 60_000);

  it("falls back to the greedy above the size threshold, with a valid bound and 0 violations", async () => {
    const g = generatedInstance({ tasks: 400, reps: 10, seed: 3 });
    const small = parsePlannerPolicy({ mipMaxArcs: 100 });
    const inst = buildInstance(g.planDate, g.tasks, g.reps, small);
    const plan = await solvePlan(inst, small, clock);
    expect(plan).toMatchObject({ method: "greedy", status: "heuristic", boundSource: "lagrangian" });
    expect(plan.fallback).toMatch(/> mipMaxArcs 100/);
    expect(plan.assignments.length).toBeGreaterThan(0);
    expect(violationCount(checkPlan(inst, plan.assignments))).toBe(0);
    expect(plan.objective).toBeLessThanOrEqual(plan.bound);
    expect(plan.bound).toBeLessThanOrEqual(fractionalKnapsackBound(inst) * (1 + 1e-12));
  });

  it("dedupes a task proposed twice and two of one type on one entity (higher EV kept)", () => {
    const d = dedupeTasks([
      task("b", { expectedValue: 5 }),
      task("b", { expectedValue: 9 }),
      task("a", { entityId: "e-b", expectedValue: 3 }),
    ]);
    expect(d.tasks.map((t) => [t.id, t.expectedValue])).toEqual([["b", 9]]);
    expect(d.dropped).toEqual([{ taskId: "a", keptId: "b", why: "same reengage_deal on deal e-b" }]);
  });

  it("names bad input", () => {
    expect(() => parsePlanDate("2026-02-30")).toThrow(/plan date "2026-02-30" is not a date/);
    expect(() => parsePlannerPolicy({ matchWeights: { owner: -1 } })).toThrow(
      /planner option matchWeights\.owner is invalid/,
    );
    expect(() => buildInstance(DAY, [task("z", { minutes: 0 })], [rep("a")], policy)).toThrow(
      /task z has 0 minutes/,
    );
    expect(zonedDayStart("2026-11-02", 9, "Europe/Berlin")).toBe(Date.parse("2026-11-02T08:00:00Z"));
    expect(zonedDayStart("2026-07-02", 9, "America/New_York")).toBe(Date.parse("2026-07-02T13:00:00Z"));
  });
});
