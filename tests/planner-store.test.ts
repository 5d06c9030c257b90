import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePlannerPolicy, zonedDayStart } from "../agents/planner/index.ts";
import { ensureTenant, type Store } from "../db/index.ts";
import { getRun } from "../db/queries/runs.ts";
import { seedBook, SEED_DEFAULTS } from "../db/seed/index.ts";
import { exportSnapshot, importSnapshot } from "../db/snapshot/index.ts";
import {
  finishPlan,
  listPlanBatches,
  openPlan,
  planBatch,
  runNightlyPlan,
  type PlanSummary,
  PROPOSAL_SOURCES,
} from "../graphs/planner/index.ts";
import type { Deps } from "../graphs/runtime/index.ts";
import { loads, placements, planRow, taskCounts } from "./support/planner-queries.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { STORE_KINDS, openTestStore } from "./support/stores.ts";

const DAY = "2026-11-02";
const OPTIONS = { batchSize: 25, mipRelGap: 0 };
const policy = parsePlannerPolicy(OPTIONS);

describe.each(STORE_KINDS)("the nightly planner on %s", (kind) => {
  let store: Store;
  let tenantId: string;
  let deps: Deps;
  let first: PlanSummary;

  beforeAll(async () => {
    store = await openTestStore(kind);
    tenantId = (await ensureTenant(store.sql, { slug: "plan", name: "Plan" })).id;
    await seedBook(store.sql, { tenantId, accounts: 60, seed: 11 });
    deps = await testDeps(store, { now: () => new Date(SEED_DEFAULTS.asOf) });
    first = await runNightlyPlan(deps, { tenantId, date: DAY, options: OPTIONS });
  }, 120_000);
  afterAll(() => store?.close());

  it("plans a small book: owner first, skills and roles, 0 capacity violations, due times kept, objective ≤ bound", async () => {
    const plan = await planRow(store.sql, first.planId);
    expect(plan).toMatchObject({ status: "solved", method: "mip", fallback: null });
    expect(plan.objective).toBeGreaterThan(0);
    expect(plan.objective).toBeLessThanOrEqual(plan.bound * (1 + 1e-6));
    expect(plan.stats).toMatchObject({ violations: 0 });
    const placed = await placements(store.sql, first.planId);
    expect(placed.length).toBeGreaterThan(5);
    expect(new Set(placed.map((p) => p.source)).size).toBeGreaterThan(1);
    // the plan fans out to the four agents' proposal steps (this small book has no recent campaign
    // responses, so marketing proposes nothing here)
    expect(Object.keys(PROPOSAL_SOURCES).sort()).toEqual(["cs", "marketing", "sales", "support"]);
    const sources = await store.sql<{ source: string }[]>`
      SELECT DISTINCT source FROM plan_candidates WHERE plan_id = ${first.planId} ORDER BY source`;
    expect(sources.map((r) => r.source)).toEqual(["cs", "sales", "support"]);
    // support's SLA tasks go to support people, due before the breach the reason names
    for (const p of placed.filter((x) => x.source === "support")) {
      expect(p.role).toBe("support");
      expect(p.type).toMatch(/^sla_(risk|breached)$/);
    }
    for (const l of await loads(store.sql, first.planId)) expect(l.minutes).toBeLessThanOrEqual(l.capacity);
    const used = new Map<string, number>();
    for (const p of placed) used.set(p.user_id, (used.get(p.user_id) ?? 0) + p.minutes);
    for (const p of placed) {
      expect(policy.roles[p.source]).toContain(p.role);
      if (p.type === "cs_escalation") expect(p.skills).toContain("escalations");
      if (p.required_skill) expect(p.skills).toContain(p.required_skill);
      expect(p.assignee_id).toBe(p.user_id);
      expect(p.task_plan_id).toBe(first.planId);
      if (p.match === "owner") expect(p.user_id).toBe(p.owner_id);
      const dayStart = zonedDayStart(DAY, policy.workdayStartHour, p.time_zone);
      expect(p.starts_at.getTime()).toBeGreaterThanOrEqual(dayStart);
      if (p.due_at) {
        const due = Math.max(p.due_at.getTime(), dayStart + policy.overdueGraceMinutes * 60_000);
        expect(p.ends_at.getTime()).toBeLessThanOrEqual(due);
      }
    }
    // owner first: a task went to someone else only when its owner could not take it — the owner
    // is not a person of the source's role, or their day has no room for it (optimal plan, gap 0)
    const owners = await store.sql<{ id: string; role: string; capacity: number }[]>`
      SELECT id, role, (capacity_hours_per_day * 60)::float8 AS capacity FROM users WHERE tenant_id = ${tenantId} AND active`;
    const byId = new Map(owners.map((o) => [o.id, o]));
    let owned = 0;
    for (const p of placed) {
      if (p.match === "owner") owned += 1;
      const owner = p.owner_id ? byId.get(p.owner_id) : undefined;
      if (
        p.match === "owner" ||
        !owner ||
        !policy.roles[p.source]!.includes(owner.role) ||
        p.expected_value === 0
      )
        continue;
      if (
        p.due_at &&
        p.due_at.getTime() < zonedDayStart(DAY, policy.workdayStartHour, "UTC") + 2 * 86_400_000
      )
        continue;
      expect(owner.capacity - (used.get(owner.id) ?? 0)).toBeLessThan(p.minutes);
    }
    expect(owned).toBeGreaterThan(0);
  });

  it("keeps why each candidate it did not place was left out, and no reason on a placed one", async () => {
    const plan = await planRow(store.sql, first.planId);
    const rows = await store.sql<{ task_id: string; unplaced_reason: string | null; placed: boolean }[]>`
      SELECT pc.task_id, pc.unplaced_reason,
             EXISTS (SELECT 1 FROM plan_assignments pa WHERE pa.plan_id = pc.plan_id AND pa.task_id = pc.task_id) AS placed
      FROM plan_candidates pc WHERE pc.plan_id = ${first.planId}`;
    for (const r of rows.filter((x) => x.placed)) expect(r.unplaced_reason, r.task_id).toBeNull();
    const unplaced = rows.filter((x) => !x.placed);
    // every candidate not placed says why: left out by the solver, or a duplicate of another
    for (const r of unplaced) expect(r.unplaced_reason, r.task_id).not.toBeNull();
    const why = unplaced.map((x) => x.unplaced_reason!).filter((w) => !w.startsWith("a duplicate of task"));
    const counted = (plan.stats as { unassigned_by_reason: Record<string, number> }).unassigned_by_reason;
    const byReason: Record<string, number> = {};
    for (const w of why) byReason[w] = (byReason[w] ?? 0) + 1;
    expect(why.length, "this book leaves some candidates unplaced").toBeGreaterThan(0);
    // the solver's reasons are the plan's counts
    expect(byReason).toEqual(counted);
  });

  it("re-running the same date gives the same plan and adds no tasks", async () => {
    const before = await taskCounts(store.sql, tenantId);
    const again = await runNightlyPlan(deps, { tenantId, date: DAY, options: OPTIONS });
    expect(again.planId).toBe(first.planId);
    expect(again.objective).toBeCloseTo(first.objective, 6);
    const key = (rows: { task_id: string; user_id: string; position: number }[]) =>
      rows.map((r) => `${r.task_id}:${r.user_id}:${r.position}`).sort();
    const placedAgain = await placements(store.sql, again.planId);
    expect(key(placedAgain)).toEqual(key(await placements(store.sql, first.planId)));
    const after = await taskCounts(store.sql, tenantId);
    expect(after).toEqual(before);
    expect(after.open_keys).toBe(after.open);
  }, 120_000);

  it("plans with the greedy above the size threshold: a valid bound, 0 capacity violations", async () => {
    const greedy = await runNightlyPlan(deps, {
      tenantId,
      date: "2026-11-03",
      options: { ...OPTIONS, mipMaxArcs: 0 },
    });
    expect(greedy).toMatchObject({
      method: "greedy",
      status: "heuristic",
      boundSource: "lagrangian",
    });
    expect(greedy.fallback).toMatch(/> mipMaxArcs 0/);
    expect(greedy.objective).toBeGreaterThan(0);
    expect(greedy.objective).toBeLessThanOrEqual(greedy.bound);
    for (const l of await loads(store.sql, greedy.planId)) expect(l.minutes).toBeLessThanOrEqual(l.capacity);
    for (const r of greedy.reps) expect(r.usedMinutes).toBeLessThanOrEqual(r.capacityMinutes);
  }, 120_000);

  it("runs as a flow (open, batches, a retried batch, finish) without duplicating tasks", async () => {
    const opened = await openPlan(deps, { tenantId, date: "2026-11-04", batchSize: 25 });
    expect(opened.batches.length).toBeGreaterThan(2);
    expect(await listPlanBatches(deps, { tenantId, planId: opened.planId, batchSize: 25 })).toEqual(
      opened.batches,
    );
    for (const b of opened.batches)
      await planBatch(deps, { tenantId, planId: opened.planId, ...b, options: OPTIONS });
    const counts = await taskCounts(store.sql, tenantId);
    await planBatch(deps, { tenantId, planId: opened.planId, ...opened.batches[0]!, options: OPTIONS });
    expect(await taskCounts(store.sql, tenantId)).toEqual(counts);
    const summary = await finishPlan(deps, { tenantId, planId: opened.planId, options: OPTIONS });
    expect(summary.method).toBe("mip");
    expect(summary.objective).toBeLessThanOrEqual(summary.bound * (1 + 1e-6));
    for (const r of summary.reps) expect(r.usedMinutes).toBeLessThanOrEqual(r.capacityMinutes);
    expect((await getRun(store.sql, tenantId, opened.runId))!.status).toBe("succeeded");
  }, 120_000);

  it("round-trips its plans through a snapshot", async () => {
    const dir = await mkdtemp(join(tmpdir(), "crm-plan-snap-"));
    const manifest = await exportSnapshot(store.sql, "plan", dir);
    expect(manifest.tables.plan_assignments!.rows).toBeGreaterThan(0);
    const copy = await openTestStore(kind);
    try {
      await importSnapshot(copy.sql, dir);
      const rows = (sql: Store["sql"]) =>
        sql`SELECT to_jsonb(p) AS row FROM (SELECT * FROM plan_assignments ORDER BY plan_id, task_id) p`.then(
          (r) => r.map((x) => x.row),
        );
      expect(await rows(copy.sql)).toEqual(await rows(store.sql));
      const plans = (sql: Store["sql"]) =>
        sql`SELECT id, plan_date::text, method, objective, bound, stats FROM plans ORDER BY id`.then((r) => [
          ...r,
        ]);
      expect(await plans(copy.sql)).toEqual(await plans(store.sql));
    } finally {
      await copy.close();
    }
  }, 120_000);

  it("names bad input", async () => {
    await expect(runNightlyPlan(deps, { tenantId, date: "2026-13-01" })).rejects.toThrow(
      /plan date "2026-13-01" is not a date/,
    );
    await expect(runNightlyPlan(deps, { tenantId, date: DAY, options: { mipRelGap: 2 } })).rejects.toThrow(
      /planner option mipRelGap is invalid/,
    );
    await expect(
      planBatch(deps, { tenantId, planId: "00000000-0000-4000-8000-000000000000", accountIds: [] }),
    ).rejects.toThrow(/plan 00000000-0000-4000-8000-000000000000 not found/);
  });
});
