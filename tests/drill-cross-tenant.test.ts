import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crossTenantMatrix } from "../drills/lib/api-cross-tenant.ts";
import { changedTables, snapshotTenant } from "../drills/lib/api-snapshot.ts";
import { openHttpApp, type HttpHarness } from "./support/http-app.ts";

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
    expect(report.problems).toEqual([]);
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
    ])
      expect(report.tenants.b.ids[kind]?.length, kind).toBeGreaterThan(0);
    // the write check sees a change to one of B's rows
    const { b } = report.tenants;
    const before = await snapshotTenant(h.store.sql, b.tenantId);
    await h.store.sql`UPDATE tasks SET title = title || '!' WHERE id = ${b.ids.tasks![0]!}`;
    expect(changedTables(before, await snapshotTenant(h.store.sql, b.tenantId))).toEqual(["tasks"]);
  }, 300_000);
});
