import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRun } from "../db/queries/runs.ts";
import { writeSalesBook, type SalesBook } from "./support/sales-book.ts";
import { call, keyedTenant, openHttpApp, type HttpHarness, type KeyedTenant } from "./support/http-app.ts";
import { STORE_KINDS } from "./support/stores.ts";

type Run = { id: string; status: string; agent: string; target: { kind: string; id?: string } };
type Accepted = { run: Run; created: boolean; behind: string | null };
type Result = {
  run: Run;
  created: boolean;
  outputs: { scores: unknown[]; tasks: unknown[]; drafts: { id: string; status: string }[] };
};
type ErrorBody = { error: { code: string; message: string; field?: string } };

describe.each(STORE_KINDS)("HTTP runs on %s", (kind) => {
  let h: HttpHarness;
  let t: KeyedTenant;
  let book: SalesBook;

  beforeAll(async () => {
    h = await openHttpApp(kind, { worker: true });
    book = await writeSalesBook(h.store.sql, "runs");
    t = await keyedTenant(h.store, "runs");
  });
  afterAll(() => h?.close());

  it("queues a run in the background (202 + Location), and GET shows it finishing through the worker", async () => {
    const started = await call<Accepted>(h.app, "POST", "/v1/runs", {
      key: t.keys.write,
      body: { agent: "sales", target: { kind: "lead", id: book.leads.warm } },
    });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({
      created: true,
      behind: null,
      run: { agent: "sales", status: "queued" },
    });
    expect(started.headers.get("location")).toBe(`/v1/runs/${started.body.run.id}`);
    let run: Run = started.body.run;
    for (let i = 0; i < 400 && ["queued", "running"].includes(run.status); i++) {
      await new Promise((r) => setTimeout(r, 50));
      run = (await call<{ run: Run }>(h.app, "GET", `/v1/runs/${run.id}`, { key: t.keys.read })).body.run;
    }
    expect(run.status).toBe("succeeded");
    const got = await call<Result>(h.app, "GET", `/v1/runs/${run.id}`, { key: t.keys.read });
    expect(got.body.outputs.scores.length).toBeGreaterThan(0);
  });

  it("mode wait answers with the run waiting for a person and the drafts it wrote", async () => {
    const res = await call<Result>(h.app, "POST", "/v1/runs", {
      key: t.keys.write,
      body: { agent: "sales", target: { kind: "all" }, mode: "wait", idempotency_key: "wait-all" },
    });
    expect(res.status).toBe(200);
    expect(res.body.run.status).toBe("interrupted");
    expect(res.body.outputs.drafts.map((d) => d.status)).toEqual(["pending", "pending"]);
  });

  it("the same idempotency key (header or body) returns the first run; a second run on a busy target is refused or queued", async () => {
    const first = await call<Accepted>(h.app, "POST", "/v1/runs", {
      key: t.keys.write,
      body: { agent: "sales", target: { kind: "all" }, idempotency_key: "wait-all" },
    });
    const byHeader = await call<Accepted>(h.app, "POST", "/v1/runs", {
      key: t.keys.write,
      headers: { "idempotency-key": "wait-all" },
      body: { agent: "sales", target: { kind: "all" } },
    });
    expect(first.body.created).toBe(false);
    expect(byHeader.body.run.id).toBe(first.body.run.id);
    const disagree = await call<ErrorBody>(h.app, "POST", "/v1/runs", {
      key: t.keys.write,
      headers: { "idempotency-key": "a" },
      body: { agent: "sales", target: { kind: "all" }, idempotency_key: "b" },
    });
    expect(disagree.body.error.field).toBe("idempotency_key");

    // a queued run holds its target (one waiting for a person does not: tests/http-runs-busy.test.ts);
    // this one has no job, so it stays queued
    const target = { kind: "lead" as const, id: book.leads.cold };
    const { run: holder } = await createRun(h.store.sql, {
      tenantId: t.tenantId,
      agent: "sales",
      target,
      trigger: "api",
      budget: {},
    });
    const busy = await call<ErrorBody>(h.app, "POST", "/v1/runs", {
      key: t.keys.write,
      body: { agent: "sales", target },
    });
    expect(busy.status).toBe(409);
    expect(busy.body.error).toMatchObject({ code: "TARGET_BUSY", field: "target" });
    expect(busy.body.error.message).toContain(holder.id);
    const queued = await call<Accepted>(h.app, "POST", "/v1/runs", {
      key: t.keys.write,
      body: { agent: "sales", target, policy: "enqueue" },
    });
    expect(queued.status).toBe(202);
    expect(queued.body.behind).toBe(holder.id);

    // cancel the queued one: it never starts; cancelling twice answers the same
    const cancelled = await call<{ run: Run }>(h.app, "POST", `/v1/runs/${queued.body.run.id}/cancel`, {
      key: t.keys.write,
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.run.status).toBe("cancelled");
    expect(
      (
        await call<{ run: Run }>(h.app, "POST", `/v1/runs/${queued.body.run.id}/cancel`, {
          key: t.keys.write,
        })
      ).body.run.status,
    ).toBe("cancelled");
    expect(
      (await call(h.app, "POST", `/v1/runs/${queued.body.run.id}/cancel`, { key: t.keys.read })).status,
    ).toBe(403);
    await call(h.app, "POST", `/v1/runs/${holder.id}/cancel`, { key: t.keys.write });
  });

  it("lists runs waiting for approval; decisions resume the run and approved drafts reach the outbox", async () => {
    const waiting = await call<{
      data: { run_id: string; drafts: { id: string; lead_id: string | null }[] }[];
    }>(h.app, "GET", "/v1/approvals", { key: t.keys.read });
    expect(waiting.status).toBe(200);
    const [entry] = waiting.body.data;
    expect(entry!.drafts).toHaveLength(2);
    const [toLead, toDeal] = [entry!.drafts.find((d) => d.lead_id)!, entry!.drafts.find((d) => !d.lead_id)!];
    const url = `/v1/runs/${entry!.run_id}/approval`;

    expect((await call(h.app, "POST", url, { key: t.keys.write, body: { decisions: [] } })).status).toBe(403);
    const emptyEdit = await call<ErrorBody>(h.app, "POST", url, {
      key: t.keys.approve,
      body: { decisions: [{ draft_id: toLead.id, decision: "edit", body: "  " }] },
    });
    expect(emptyEdit.body.error.field).toBe("decisions.0.body");

    // the decisions are stored; the worker resumes the run (the request does not wait for it)
    const done = await call<{ run: Run; resume: string; pending: string[] }>(h.app, "POST", url, {
      key: t.keys.approve,
      body: {
        decisions: [
          { draft_id: toLead.id, decision: "edit", body: "Hi, shall we talk on Tuesday?" },
          { draft_id: toDeal.id, decision: "reject", note: "wrong timing" },
        ],
      },
    });
    expect(done.status).toBe(202);
    expect(done.body).toMatchObject({ resume: "queued", pending: [] });
    let run: Run = done.body.run;
    for (let i = 0; i < 400 && run.status !== "succeeded"; i++) {
      await new Promise((r) => setTimeout(r, 50));
      run = (await call<{ run: Run }>(h.app, "GET", `/v1/runs/${entry!.run_id}`, { key: t.keys.read })).body
        .run;
    }
    expect(run.status).toBe("succeeded");
    const outbox = await h.store.sql<{ draft_id: string; payload: { body: string } }[]>`
      SELECT draft_id, payload FROM outbox WHERE tenant_id = ${t.tenantId}`;
    expect(outbox.map((o) => [o.draft_id, o.payload.body])).toEqual([
      [toLead.id, "Hi, shall we talk on Tuesday?"],
    ]);
    const again = await call<ErrorBody>(h.app, "POST", url, {
      key: t.keys.approve,
      body: { decisions: [{ draft_id: toLead.id, decision: "approve" }] },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("RUN_STATE");
    expect(
      (await call<{ data: unknown[] }>(h.app, "GET", "/v1/approvals", { key: t.keys.read })).body.data,
    ).toEqual([]);
    // a finished run cannot be cancelled
    const late = await call<ErrorBody>(h.app, "POST", `/v1/runs/${entry!.run_id}/cancel`, {
      key: t.keys.write,
    });
    expect(late.status).toBe(409);
  });
});
