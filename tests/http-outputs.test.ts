import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../db/index.ts";
import { openPlan, savePlanResult } from "../db/queries/plans.ts";
import { createRun } from "../db/queries/runs.ts";
import { writeSmallBook, type SmallBook } from "./support/fixtures.ts";
import { call, keyedTenant, openHttpApp, type HttpHarness, type KeyedTenant } from "./support/http-app.ts";
import { STORE_KINDS } from "./support/stores.ts";

type Task = { id: string; title: string; status: string; assignee_id: string | null; due_at: string | null };
type Page<T> = { data: T[]; page: { limit: number; next_cursor: string | null; total?: number } };
type ErrorBody = { error: { code: string; field?: string } };

describe.each(STORE_KINDS)("HTTP outputs on %s", (kind) => {
  let h: HttpHarness;
  let t: KeyedTenant;
  let book: SmallBook;
  let ana: string;
  let bo: string;

  const task = async (
    title: string,
    o: { assignee?: string | null; status?: string; due?: string | null; key?: string },
  ) => {
    const [row] = await h.store.sql<{ id: string }[]>`
      INSERT INTO tasks (tenant_id, type, title, reason, entity_kind, entity_id, priority_value, dedupe_key, source_agent,
                         assignee_id, status, due_at)
      VALUES (${t.tenantId}, 'check_in', ${title}, 'test', 'account', ${book.accountId}, 100, ${o.key ?? title}, 'cs',
              ${o.assignee ?? null}, ${o.status ?? "open"}, ${o.due ?? null})
      RETURNING id`;
    return row!.id;
  };
  const titles = (p: Page<Task>) => p.data.map((x) => x.title);

  beforeAll(async () => {
    h = await openHttpApp(kind);
    book = await writeSmallBook(h.store.sql, "outputs");
    t = await keyedTenant(h.store, "outputs");
    const [fixtureRep] = await h.store.sql<
      { id: string }[]
    >`SELECT id FROM users WHERE tenant_id = ${t.tenantId}`;
    ana = fixtureRep!.id;
    const [rep] = await h.store.sql<{ id: string }[]>`
      INSERT INTO users (tenant_id, name, role) VALUES (${t.tenantId}, 'Bo Rep', 'rep') RETURNING id`;
    bo = rep!.id;
    await task("ana-soon", { assignee: ana, due: "2026-11-22T09:00:00Z" });
    await task("ana-later", { assignee: ana, due: "2026-11-25T09:00:00Z", status: "in_progress" });
    await task("ana-done", { assignee: ana, due: "2026-11-20T09:00:00Z", status: "done", key: "dup" });
    await task("bo-soon", { assignee: bo, due: "2026-11-23T09:00:00Z" });
    await task("nobody", { assignee: null, due: null });
  });
  afterAll(() => h?.close());

  it("filters tasks by assignee, status and due time, soonest due first, in pages", async () => {
    const get = async (q: string) =>
      (await call<Page<Task>>(h.app, "GET", `/v1/tasks${q}`, { key: t.keys.read })).body;
    expect(titles(await get(`?assignee=${ana}`))).toEqual(["ana-done", "ana-soon", "ana-later"]);
    expect(titles(await get(`?assignee=${ana}&status=open,in_progress`))).toEqual(["ana-soon", "ana-later"]);
    expect(titles(await get("?assignee=unassigned"))).toEqual(["Check in with Bo", "nobody"]);
    expect(titles(await get("?due_after=2026-11-22T00:00:00Z&due_before=2026-11-24T00:00:00Z"))).toEqual([
      "ana-soon",
      "bo-soon",
    ]);
    const first = await get("?limit=2");
    expect(first.page).toEqual({ limit: 2, next_cursor: expect.any(String), total: 6 });
    const all: string[] = [...titles(first)];
    for (let next = first.page.next_cursor; next !== null;) {
      const page = await get(`?limit=2&cursor=${next}`);
      expect(page.page.total).toBe(6);
      all.push(...titles(page));
      next = page.page.next_cursor;
    }
    // the same order as one page: soonest due first, no due time last (two of them: a page apart)
    expect(all).toEqual(titles(await get("")));
    const single: string[] = [];
    for (let next: string | null = ""; next !== null;) {
      const page = await get(`?limit=1${next ? `&cursor=${next}` : ""}`);
      single.push(...titles(page));
      next = page.page.next_cursor;
    }
    expect(single).toEqual(all);
    expect(all).toHaveLength(6);
    expect(new Set(all).size).toBe(6);
    const foreign = await call<ErrorBody>(h.app, "GET", "/v1/tasks?cursor=WyJydW5zIiwxXQ", {
      key: t.keys.read,
    });
    expect(foreign.body.error).toMatchObject({ code: "INVALID_CURSOR", field: "cursor" });
    const big = await call<ErrorBody & { error: { message: string } }>(h.app, "GET", "/v1/tasks?limit=201", {
      key: t.keys.read,
    });
    expect(big.body.error).toMatchObject({ field: "limit", message: expect.stringMatching(/at most 200/) });
    const bad = await call<ErrorBody>(h.app, "GET", "/v1/tasks?status=open,sleeping", { key: t.keys.read });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toMatch(/^status/);
    expect(
      (await call<ErrorBody>(h.app, "GET", "/v1/tasks?limit=0", { key: t.keys.read })).body.error.field,
    ).toBe("limit");
    expect(
      (await call<ErrorBody>(h.app, "GET", "/v1/tasks?assignee=ana", { key: t.keys.read })).body.error.field,
    ).toBe("assignee");
  });

  it("changes a task's status, audits who did it, and refuses to reopen over an open duplicate", async () => {
    const id = await task("to-finish", { assignee: bo });
    const done = await call<Task>(h.app, "PATCH", `/v1/tasks/${id}`, {
      key: t.keys.write,
      body: { status: "done" },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id, status: "done", assignee_id: bo });
    const [audit] = await h.store.sql<{ actor: string; details: { from: string; to: string } }[]>`
      SELECT actor, details FROM audit_log WHERE tenant_id = ${t.tenantId} AND action = 'task.status_changed' AND entity_id = ${id}`;
    expect(audit!.actor).toMatch(/^api_key:[0-9a-f]{12}$/);
    expect(audit!.details).toEqual({ from: "open", to: "done" });
    // "ana-done" shares its dedupe key with a new open task: reopening it would make two open ones
    await task("dup-open", { key: "dup" });
    const [dupDone] = await h.store.sql<{ id: string }[]>`SELECT id FROM tasks WHERE title = 'ana-done'`;
    const conflict = await call<ErrorBody>(h.app, "PATCH", `/v1/tasks/${dupDone!.id}`, {
      key: t.keys.write,
      body: { status: "open" },
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error).toMatchObject({ code: "TASK_CONFLICT", field: "status" });
  });

  it("answers an entity's current scores and their history; drafts by status", async () => {
    for (const [value, at] of [
      [50, "2026-10-01"],
      [70, "2026-11-01"],
    ] as const) {
      await h.store.sql`
        INSERT INTO scores (tenant_id, entity_kind, entity_id, kind, value, reasons, model_version, agent, idempotency_key, created_at)
        VALUES (${t.tenantId}, 'account', ${book.accountId}, 'churn', ${value}, '[]', 'v1', 'cs', ${`churn-${at}`}, ${at})`;
    }
    const res = await call<{
      current: { kind: string; value: number }[];
      history: { kind: string; value: number }[];
    }>(h.app, "GET", `/v1/scores?entity_kind=account&entity_id=${book.accountId}`, { key: t.keys.read });
    expect(res.status).toBe(200);
    expect(res.body.history.map((s) => [s.kind, s.value])).toEqual([
      ["health", 62.5],
      ["churn", 70],
      ["churn", 50],
    ]);
    expect(res.body.current.map((s) => [s.kind, s.value]).sort()).toEqual([
      ["churn", 70],
      ["health", 62.5],
    ]);
    const one = await call<{ history: unknown[] }>(
      h.app,
      "GET",
      `/v1/scores?entity_kind=account&entity_id=${book.accountId}&kind=churn`,
      { key: t.keys.read },
    );
    expect(one.body.history).toHaveLength(2);
    const missing = await call<ErrorBody>(h.app, "GET", "/v1/scores?entity_kind=account", {
      key: t.keys.read,
    });
    expect(missing.body.error.field).toBe("entity_id");

    await h.store.sql`
      INSERT INTO drafts (tenant_id, channel, contact_id, account_id, entity_kind, entity_id, body, evidence_ids, provider, agent, idempotency_key, status)
      VALUES (${t.tenantId}, 'email', ${book.contactId}, ${book.accountId}, 'account', ${book.accountId}, 'Hello', ${["activity:x"]},
              'offline:v1', 'cs', 'd1', 'pending'),
             (${t.tenantId}, 'email', ${book.contactId}, ${book.accountId}, 'account', ${book.accountId}, 'Bye', ${["activity:y"]},
              'offline:v1', 'cs', 'd2', 'rejected')`;
    const pending = await call<Page<{ body: string }>>(h.app, "GET", "/v1/drafts?status=pending", {
      key: t.keys.read,
    });
    expect(pending.body.data.map((d) => d.body)).toEqual(["Hello"]);
    expect(
      (await call<Page<unknown>>(h.app, "GET", "/v1/drafts", { key: t.keys.read })).body.data,
    ).toHaveLength(2);
  });
});

describe("HTTP plans", () => {
  it("lists plans and answers a day's plan per rep, in order, within capacity; an unknown day is 404", async () => {
    const h = await openHttpApp("postgres");
    try {
      await writeSmallBook(h.store.sql, "plans");
      const t = await keyedTenant(h.store, "plans");
      const [rep] = await h.store.sql<{ id: string }[]>`SELECT id FROM users WHERE tenant_id = ${t.tenantId}`;
      const [taskRow] = await h.store.sql<
        { id: string }[]
      >`SELECT id FROM tasks WHERE tenant_id = ${t.tenantId}`;
      const { run } = await createRun(h.store.sql, {
        tenantId: t.tenantId,
        agent: "plan",
        target: { kind: "all" },
        trigger: "api",
        budget: {},
      });
      await withTenant(h.store.sql, t.tenantId, async (tx) => {
        const plan = await openPlan(tx, {
          tenantId: t.tenantId,
          planDate: "2026-11-22",
          runId: run.id,
          asOf: "2026-11-22T02:00:00Z",
        });
        await tx`INSERT INTO plan_candidates (tenant_id, plan_id, task_id, source, owner_id, expected_value, batch_key)
                 VALUES (${t.tenantId}, ${plan.id}, ${taskRow!.id}, 'cs', ${rep!.id}, 1500, 'b0')`;
        await savePlanResult(
          tx,
          t.tenantId,
          plan.id,
          {
            method: "mip",
            solver_status: "Optimal",
            objective: 1500,
            bound: 1500,
            bound_source: "solver",
            gap: 0,
            solve_ms: 12,
            fallback: null,
            stats: { candidates: 1 },
          },
          [
            {
              task_id: taskRow!.id,
              user_id: rep!.id,
              position: 0,
              starts_at: "2026-11-22T08:00:00Z",
              ends_at: "2026-11-22T08:30:00Z",
              minutes: 30,
              value: 1500,
              match: "owner",
            },
          ],
        );
      });
      const list = await call<{ data: { plan_date: string; status: string }[] }>(h.app, "GET", "/v1/plans", {
        key: t.keys.read,
      });
      expect(list.body.data).toMatchObject([{ plan_date: "2026-11-22", status: "solved" }]);
      const day = await call<{
        plan: { objective: number; bound: number; method: string };
        reps: {
          user_id: string;
          capacity_minutes: number;
          planned_minutes: number;
          tasks: { task_id: string; match: string }[];
        }[];
      }>(h.app, "GET", "/v1/plans/2026-11-22", { key: t.keys.read });
      expect(day.status).toBe(200);
      expect(day.body.plan).toMatchObject({ objective: 1500, bound: 1500, method: "mip" });
      expect(day.body.reps).toMatchObject([
        {
          user_id: rep!.id,
          capacity_minutes: 390,
          planned_minutes: 30,
          tasks: [{ task_id: taskRow!.id, match: "owner" }],
        },
      ]);
      expect((await call(h.app, "GET", "/v1/plans/2026-11-23", { key: t.keys.read })).status).toBe(404);
      const bad = await call<ErrorBody>(h.app, "GET", "/v1/plans/2026-13-40", { key: t.keys.read });
      expect([bad.status, bad.body.error.field]).toEqual([400, "date"]);
      const other = await keyedTenant(h.store, "plans-other");
      expect((await call(h.app, "GET", "/v1/plans/2026-11-22", { key: other.keys.read })).status).toBe(404);
    } finally {
      await h.close();
    }
  });
});
