import type { PlanRep, PlanTask } from "../types.ts";

/** A small deterministic generator (mulberry32), so generated instances are the same every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TERRITORIES = ["NA-East", "NA-West", "EMEA-North", "DACH", "APAC"];
const SOURCES = [
  {
    source: "sales",
    role: "rep",
    types: ["call_hot_lead", "reengage_deal", "add_stakeholder", "set_next_step"],
  },
  { source: "cs", role: "cs", types: ["renewal_prep", "exec_sponsor", "check_in", "qbr", "cs_escalation"] },
];
const MINUTES = [10, 15, 20, 30, 45, 60, 90, 120];

/**
 * A generated planning instance for tests and measurements: `tasks` tasks over `reps` people
 * (half reps, half CS), owners among them, due times spread over the next three weeks with a
 * share due during the plan day, values log-uniform from 100 to 100,000, one task in ten needing
 * a skill. Deterministic for a seed.
 */
export function generatedInstance(options: {
  tasks: number;
  reps: number;
  seed?: number;
  planDate?: string;
}): { planDate: string; tasks: PlanTask[]; reps: PlanRep[] } {
  const r = rng(options.seed ?? 42);
  const planDate = options.planDate ?? "2026-11-02";
  const dayStart = Date.parse(`${planDate}T09:00:00Z`);
  const id = (prefix: string, n: number) =>
    `${prefix}${String(n).padStart(8, "0")}-0000-4000-8000-000000000000`;
  const reps: PlanRep[] = Array.from({ length: options.reps }, (_, i) => ({
    id: id("0000", i),
    name: `Rep ${i + 1}`,
    role: i % 2 === 0 ? "rep" : "cs",
    capacityMinutes: 60 * (5 + Math.floor(r() * 3)),
    skills: r() < 0.5 ? ["escalations", "enterprise"] : ["renewals"],
    territories: [TERRITORIES[i % TERRITORIES.length]!],
    timeZone: "UTC",
    dayStart,
  }));
  const tasks: PlanTask[] = Array.from({ length: options.tasks }, (_, i) => {
    const src = SOURCES[i % 2]!;
    const owners = reps.filter((p) => p.role === src.role);
    const owner = r() < 0.9 && owners.length > 0 ? owners[Math.floor(r() * owners.length)]! : null;
    const dueRoll = r();
    const due =
      dueRoll < 0.1
        ? null
        : dueRoll < 0.35
          ? dayStart + Math.floor(r() * 9 * 60) * 60_000
          : dayStart + Math.floor(r() * 21 * 24 * 60) * 60_000;
    return {
      id: id("1111", i),
      source: src.source,
      type: src.types[Math.floor(r() * src.types.length)]!,
      title: `Task ${i + 1}`,
      entityKind: "account",
      entityId: id("2222", i),
      expectedValue: Math.round(100 * Math.pow(1000, r())),
      minutes: MINUTES[Math.floor(r() * MINUTES.length)]!,
      dueAt: due === null ? null : new Date(due).toISOString(),
      requiredSkill: r() < 0.1 ? "enterprise" : null,
      ownerId: owner?.id ?? null,
      territories: owner ? owner.territories : [TERRITORIES[Math.floor(r() * TERRITORIES.length)]!],
    };
  });
  return { planDate, tasks, reps };
}
