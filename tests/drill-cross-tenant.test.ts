import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bullBoardMatrix, type BoardTenant } from "../drills/lib/api-bull-board.ts";
import { crossTenantMatrix } from "../drills/lib/api-cross-tenant.ts";
import { changedTables, snapshotTenant } from "../drills/lib/api-snapshot.ts";
import type { App } from "../server/http/app.ts";
import { createLogger } from "../server/logger.ts";
import { BullJobQueue } from "../server/queue/bullmq.ts";
import { keyedTenant, openHttpApp, type HttpHarness } from "./support/http-app.ts";

// The cross-tenant drill (drills/cross-tenant.ts) as a test: tenant A's admin key against every
// id of tenant B on every route reads nothing and writes nothing.
describe("drill: cross-tenant matrix", () => {
  let h: HttpHarness;
  beforeAll(async () => {
    h = await openHttpApp("postgres", { rateLimit: { burst: 1_000_000, perSecond: 1_000_000 } });
  });
  afterAll(() => h?.close());

  it("every route with B's ids answers like a missing id, leaks none and changes none of B's rows", async () => {
    const report = await crossTenantMatrix(h);
    expect(new Set(report.rows.map((r) => r.route)).size).toBeGreaterThanOrEqual(23);
    for (const kind of [
      "agent_runs",
      "tasks",
      "drafts",
      "scores",
      "plans",
      "schedules",
      "event_rules",
      "api_keys",
      "users",
      "accounts",
      "leads",
      "deals",
      "contacts",
      "tickets",
    ])
      expect(report.tenants.b.ids[kind]?.length, kind).toBeGreaterThan(0);
    // the book's lists, one account or lead, top scores and reassignment are in the matrix: a path id
    // of B's is a 404 every time, a filter by B's id answers like an unknown id (checked above)
    const slots = new Map(report.rows.map((r) => [`${r.route} ${r.slot}`, r.answers]));
    const b404 = `404×${new Set(Object.values(report.tenants.b.ids).flat()).size}`;
    for (const slot of [
      "GET /v1/accounts/{id} path id",
      "GET /v1/leads/{id} path id",
      "PATCH /v1/tasks/{id} path id",
    ])
      expect(slots.get(slot), slot).toBe(b404);
    expect(slots.get("PATCH /v1/tasks/{id} body assignee_id"), "reassign to B's people").toBe(b404);
    for (const slot of [
      "GET /v1/accounts query owner_id",
      "GET /v1/leads query account_id",
      "GET /v1/deals query owner_id",
      "GET /v1/tickets query assignee_id",
      "GET /v1/contacts query account_id",
      "GET /v1/people list",
      "GET /v1/scores query entity_id",
    ])
      expect(slots.get(slot), slot).toMatch(/^200×\d+$/);
    expect(report.problems).toEqual([]);
    // the write check sees a change to one of B's rows
    const { b } = report.tenants;
    const before = await snapshotTenant(h.store.sql, b.tenantId);
    await h.store.sql`UPDATE tasks SET title = title || '!' WHERE id = ${b.ids.tasks![0]!}`;
    expect(changedTables(before, await snapshotTenant(h.store.sql, b.tenantId))).toEqual(["tasks"]);
  }, 300_000);
});

// The drill's Bull Board leg: with BullMQ, the board shows the jobs of every tenant, so no tenant
// key may open it; the operator token, which may, shows that the detector fires.
describe("drill: cross-tenant Bull Board (BullMQ)", () => {
  let h: HttpHarness;
  let board: App;
  let a: BoardTenant;
  let b: BoardTenant;
  const operator = randomBytes(24).toString("hex");

  beforeAll(async () => {
    const prefix = `drill-board-${randomBytes(4).toString("hex")}`;
    const logger = createLogger("silent");
    h = await openHttpApp("postgres", {
      queue: () => new BullJobQueue({ url: inject("redisUrl"), prefix, logger }),
    });
    const [ta, tb] = [
      await keyedTenant(h.store, "drill-board-a"),
      await keyedTenant(h.store, "drill-board-b"),
    ];
    a = { tenantId: ta.tenantId, runId: randomUUID(), adminKey: ta.keys.admin };
    b = { tenantId: tb.tenantId, runId: randomUUID(), adminKey: tb.keys.admin };
    // one waiting job per tenant (no worker runs them)
    for (const t of [a, b]) await h.queue.addRun({ tenantId: t.tenantId, runId: t.runId });
    board = h.appWith({ operatorToken: operator });
  });
  afterAll(() => h?.close());

  it("tenant A's admin key opens no board route, reads none of B's job and changes none", async () => {
    const report = await bullBoardMatrix(board, h.queue as BullJobQueue, a, b);
    expect(report.rows.length).toBeGreaterThanOrEqual(15);
    expect(report.problems).toEqual([]);
    for (const row of report.rows) expect(row.answers, row.route).toMatch(/^(40[134]×\d+ ?)+$/);
    // the detector fires: the operator token is let in and reads B's job
    const opened = await bullBoardMatrix(board, h.queue as BullJobQueue, { ...a, adminKey: operator }, b);
    expect(opened.problems.some((p) => p.includes("was let in"))).toBe(true);
    expect(opened.problems.some((p) => p.includes("holds tenant B's ids"))).toBe(true);
  });
});
