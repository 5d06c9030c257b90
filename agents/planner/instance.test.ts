import { describe, expect, it } from "vitest";
import { buildInstance } from "./instance.ts";
import { parsePlannerPolicy } from "./policy.ts";
import type { PlanRep, PlanTask } from "./types.ts";

const DAY = "2026-11-02";
const dayStart = Date.parse(`${DAY}T09:00:00Z`);

const rep = (i: number, territories: string[] = []): PlanRep => ({
  id: `rep-${i}`,
  name: `Rep ${i}`,
  role: "rep",
  capacityMinutes: 360,
  skills: [],
  territories,
  timeZone: "UTC",
  dayStart,
});
const task = (i: number, ownerId: string | null, territories: string[] = []): PlanTask => ({
  id: `task-${i}`,
  source: "sales",
  type: "call_hot_lead",
  title: "Call",
  entityKind: "lead",
  entityId: `lead-${i}`,
  expectedValue: 1000,
  minutes: 30,
  dueAt: null,
  requiredSkill: null,
  ownerId,
  territories,
});

describe("buildInstance: the pool of people who may take a task", () => {
  // rep-0 owns; rep-1 and rep-2 share the owner's territory; 97 more reps are the pool
  const reps = [
    rep(0, ["emea"]),
    rep(1, ["emea"]),
    rep(2, ["emea"]),
    ...Array.from({ length: 97 }, (_, i) => rep(i + 3)),
  ];
  const tasks = Array.from({ length: 50 }, (_, i) => task(i, "rep-0", ["emea"]));

  it("keeps the owner, then the territory, then the pool, up to candidatesPerTask besides the owner", () => {
    const inst = buildInstance(DAY, tasks, reps, parsePlannerPolicy({ candidatesPerTask: 7 }));
    for (let t = 0; t < tasks.length; t++) {
      const arcs = inst.arcs.filter((a) => a.task === t);
      expect(arcs.filter((a) => a.match === "owner").map((a) => a.rep)).toEqual([0]);
      expect(arcs.filter((a) => a.match === "territory").map((a) => a.rep)).toEqual([1, 2]);
      expect(arcs.filter((a) => a.match === "pool")).toHaveLength(5);
    }
    const capped = buildInstance(DAY, tasks, reps, parsePlannerPolicy({ candidatesPerTask: 1 }));
    for (let t = 0; t < tasks.length; t++) {
      const arcs = capped.arcs.filter((a) => a.task === t);
      expect(arcs.map((a) => a.match).sort()).toEqual(["owner", "territory"]);
    }
  });

  it("spreads the pool over people (each task starts its walk elsewhere) and is deterministic", () => {
    const policy = parsePlannerPolicy({ candidatesPerTask: 7 });
    const a = buildInstance(DAY, tasks, reps, policy);
    const b = buildInstance(DAY, tasks, reps, policy);
    expect(a.arcs).toEqual(b.arcs);
    const poolReps = new Set(a.arcs.filter((x) => x.match === "pool").map((x) => x.rep));
    expect(poolReps.size).toBeGreaterThan(50);
  });

  it("with a cap at or above the pool, every person of the role may take every task", () => {
    const inst = buildInstance(DAY, tasks, reps, parsePlannerPolicy({ candidatesPerTask: 1000 }));
    expect(inst.arcs).toHaveLength(tasks.length * reps.length);
  });

  it("counts only the pool people who can take the task against the cap", () => {
    // the first 60 pool reps lack the skill the task needs
    const skilled = reps.map((r, i) => (i >= 63 ? { ...r, skills: ["escalations"] } : r));
    const needy = [{ ...task(0, null), requiredSkill: "escalations" }];
    const inst = buildInstance(DAY, needy, skilled, parsePlannerPolicy({ candidatesPerTask: 10 }));
    expect(inst.arcs).toHaveLength(10);
    expect(inst.arcs.every((a) => a.rep >= 63)).toBe(true);
  });
});
