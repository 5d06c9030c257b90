import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTenantDefaults } from "../server/queue/schedules.ts";
import { writeSalesBook, type SalesBook } from "./support/sales-book.ts";
import { call, keyedTenant, openHttpApp, type HttpHarness, type KeyedTenant } from "./support/http-app.ts";
import { STORE_KINDS } from "./support/stores.ts";

type Schedule = { id: string; name: string; agent: string; cron: string; tz: string; enabled: boolean };
type ErrorBody = { error: { code: string; message: string; field?: string } };
type Routed = {
  rule: { agent: string; target_kind: string } | null;
  runs: { run: { id: string; target: { kind: string; id: string } }; created: boolean }[];
};

describe.each(STORE_KINDS)("HTTP schedules and events on %s", (kind) => {
  let h: HttpHarness;
  let t: KeyedTenant;
  let book: SalesBook;

  beforeAll(async () => {
    h = await openHttpApp(kind);
    book = await writeSalesBook(h.store.sql, "sched");
    t = await keyedTenant(h.store, "sched");
    await ensureTenantDefaults(h.store.sql, h.queue, t.tenantId);
  });
  afterAll(() => h?.close());

  it("creates, lists, changes and deletes cron schedules, mirrored into the queue's job schedulers", async () => {
    const listed = await call<{ data: Schedule[] }>(h.app, "GET", "/v1/schedules", { key: t.keys.read });
    expect(listed.body.data.map((s) => s.name)).toEqual(["nightly-plan"]);
    const body = { name: "morning-cs", agent: "cs", cron: "0 7 * * 1-5", tz: "Europe/Berlin" };
    expect((await call(h.app, "POST", "/v1/schedules", { key: t.keys.write, body })).status).toBe(403);
    const created = await call<Schedule>(h.app, "POST", "/v1/schedules", { key: t.keys.admin, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...body, enabled: true });
    expect(await h.queue.scheduleIds()).toContain(created.body.id);
    const dup = await call<ErrorBody>(h.app, "POST", "/v1/schedules", { key: t.keys.admin, body });
    expect(dup.status).toBe(409);
    expect(dup.body.error.field).toBe("name");

    const url = `/v1/schedules/${created.body.id}`;
    const paused = await call<Schedule>(h.app, "PATCH", url, {
      key: t.keys.admin,
      body: { enabled: false, cron: "30 6 * * *" },
    });
    expect(paused.body).toMatchObject({ enabled: false, cron: "30 6 * * *" });
    expect(await h.queue.scheduleIds()).not.toContain(created.body.id);
    expect((await call<Schedule>(h.app, "GET", url, { key: t.keys.read })).body.cron).toBe("30 6 * * *");
    const other = await keyedTenant(h.store, "sched-other");
    const hidden = await call<ErrorBody>(h.app, "GET", url, { key: other.keys.read });
    const none = await call<ErrorBody>(h.app, "GET", `/v1/schedules/${randomUUID()}`, {
      key: other.keys.read,
    });
    expect([hidden.status, none.status]).toEqual([404, 404]);
    expect(hidden.body.error.code).toBe(none.body.error.code);

    expect((await call(h.app, "DELETE", url, { key: t.keys.admin })).status).toBe(204);
    expect((await call(h.app, "GET", url, { key: t.keys.read })).status).toBe(404);
    expect((await call(h.app, "DELETE", url, { key: t.keys.admin })).status).toBe(404);
  });

  it("names the bad cron, time zone, agent or target of a schedule", async () => {
    const post = (body: Record<string, unknown>) =>
      call<ErrorBody>(h.app, "POST", "/v1/schedules", {
        key: t.keys.admin,
        body: { name: "bad", agent: "cs", cron: "0 7 * * *", ...body },
      });
    const cron = await post({ cron: "every morning" });
    expect([cron.status, cron.body.error.code, cron.body.error.field]).toEqual([400, "INVALID_CRON", "cron"]);
    expect((await post({ cron: "61 7 * * *" })).body.error.field).toBe("cron");
    const tz = await post({ tz: "Mars/Olympus" });
    expect([tz.status, tz.body.error.code, tz.body.error.field]).toEqual([400, "INVALID_TIME_ZONE", "tz"]);
    expect((await post({ agent: "astrologer" })).body.error.field).toBe("agent");
    expect((await post({ name: "Bad Name" })).body.error.field).toBe("name");
    const target = await post({ agent: "cs", target: { kind: "lead", id: book.leads.hot } });
    expect([target.status, target.body.error.field]).toEqual([400, "target"]);
  });

  it("routes events by the tenant's rules; the same event id starts its run once", async () => {
    const rules = await call<{ rules: { event_type: string; agent: string }[] }>(
      h.app,
      "GET",
      "/v1/event-rules",
      { key: t.keys.read },
    );
    expect(rules.body.rules.map((r) => `${r.event_type}→${r.agent}`)).toContain("lead.created→sales");
    const event = { type: "lead.created", id: "crm-evt-1", data: { lead_id: book.leads.warm } };
    const routed = await call<Routed>(h.app, "POST", "/v1/events", { key: t.keys.write, body: event });
    expect(routed.status).toBe(202);
    expect(routed.body.rule).toMatchObject({ agent: "sales", target_kind: "lead" });
    expect(routed.body.runs[0]!.run.target).toEqual({ kind: "lead", id: book.leads.warm });
    const again = await call<Routed>(h.app, "POST", "/v1/events", { key: t.keys.write, body: event });
    expect(again.body.runs[0]).toMatchObject({ created: false, run: { id: routed.body.runs[0]!.run.id } });
    const [count] = await h.store.sql<{ runs: number }[]>`
      SELECT count(*)::int AS runs FROM agent_runs WHERE tenant_id = ${t.tenantId} AND trigger = 'event'`;
    expect(count!.runs).toBe(1);

    const unmatched = await call<Routed>(h.app, "POST", "/v1/events", {
      key: t.keys.write,
      body: { type: "deal.stage_changed", data: {} },
    });
    expect([unmatched.status, unmatched.body.rule]).toEqual([200, null]);
    const badId = await call<ErrorBody>(h.app, "POST", "/v1/events", {
      key: t.keys.write,
      body: { type: "lead.created", data: { lead_id: "L-1" } },
    });
    expect([badId.status, badId.body.error.field]).toEqual([400, "data.lead_id"]);
    const badType = await call<ErrorBody>(h.app, "POST", "/v1/events", {
      key: t.keys.write,
      body: { type: "lead.deleted", data: {} },
    });
    expect(badType.body.error.field).toBe("type");
    expect((await call(h.app, "POST", "/v1/events", { key: t.keys.read, body: event })).status).toBe(403);
  });

  it("replaces the event rules as a whole; a rule an agent cannot run is refused, naming it", async () => {
    const put = (rules: unknown[], key = t.keys.admin) =>
      call<ErrorBody & { rules: unknown[] }>(h.app, "PUT", "/v1/event-rules", { key, body: { rules } });
    const rule = {
      event_type: "lead.created",
      agent: "sales",
      target_kind: "lead",
      target_field: "lead_ref",
    };
    expect((await put([rule], t.keys.write)).status).toBe(403);
    const wrong = await put([rule, { ...rule, agent: "marketing", target_field: "lead_id" }]);
    expect([wrong.status, wrong.body.error.field]).toEqual([400, "rules.1.target_kind"]);
    const twice = await put([rule, rule]);
    expect([twice.status, twice.body.error.field]).toEqual([400, "rules.1"]);
    const saved = await put([rule]);
    expect(saved.status).toBe(200);
    expect(saved.body.rules).toHaveLength(1);
    const old = await call<Routed>(h.app, "POST", "/v1/events", {
      key: t.keys.write,
      body: { type: "lead.created", data: { lead_id: book.leads.cold } },
    });
    expect(old.body.rule).toBeNull();
    const now = await call<Routed>(h.app, "POST", "/v1/events", {
      key: t.keys.write,
      body: { type: "lead.created", data: { lead_ref: book.leads.cold } },
    });
    expect(now.status).toBe(202);
    // the defaults do not come back
    await ensureTenantDefaults(h.store.sql, h.queue, t.tenantId);
    expect(
      (await call<{ rules: unknown[] }>(h.app, "GET", "/v1/event-rules", { key: t.keys.read })).body.rules,
    ).toHaveLength(1);
  });
});
