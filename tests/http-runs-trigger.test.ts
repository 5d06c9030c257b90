// What a trigger answers before any graph runs: a run waiting for a person does not lock its
// target (the README's "Try it" after `crm start`), an unknown or wrong-kind target is a 404
// naming the id and its kind (POST /v1/runs and POST /v1/events), and a budget above the
// tenant's maximum is a 400 naming the maximum.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDefaultEventRules } from "../db/queries/event-rules.ts";
import { writeSalesBook, type SalesBook } from "./support/sales-book.ts";
import { call, keyedTenant, openHttpApp, type HttpHarness, type KeyedTenant } from "./support/http-app.ts";
import { STORE_KINDS } from "./support/stores.ts";

type Run = { id: string; status: string };
type Result = { run: Run; created: boolean; outputs: { drafts: unknown[] } };
type ErrorBody = { error: { code: string; message: string; field?: string } };

const NOBODY = "5b0e8d7c-1f2a-4b3c-9d4e-6f7a8b9c0d1e";

describe.each(STORE_KINDS)("run triggers on %s", (kind) => {
  let h: HttpHarness;
  let t: KeyedTenant;
  let book: SalesBook;

  beforeAll(async () => {
    h = await openHttpApp(kind, { worker: true });
    book = await writeSalesBook(h.store.sql, "trigger");
    t = await keyedTenant(h.store, "trigger");
    await ensureDefaultEventRules(h.store.sql, t.tenantId);
  });
  afterAll(() => h?.close());

  it("a run waiting for approval does not lock its target: the same trigger again starts a new run", async () => {
    const body = { agent: "sales", target: { kind: "all" }, mode: "wait" };
    const first = await call<Result>(h.app, "POST", "/v1/runs", { key: t.keys.write, body });
    expect(first.status).toBe(200);
    expect(first.body.run.status).toBe("interrupted");
    const again = await call<Result>(h.app, "POST", "/v1/runs", { key: t.keys.write, body });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.created).toBe(true);
    expect(again.body.run.id).not.toBe(first.body.run.id);
    expect(["interrupted", "succeeded"]).toContain(again.body.run.status);
  });

  it("an unknown id is a 404 naming the id and its kind; another kind's id says what it is", async () => {
    const unknown = await call<ErrorBody>(h.app, "POST", "/v1/runs", {
      key: t.keys.write,
      body: { agent: "sales", target: { kind: "account", id: NOBODY }, mode: "wait" },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({
      code: "TARGET_NOT_FOUND",
      message: `account ${NOBODY} not found`,
      field: "target.id",
    });
    const wrongKind = await call<ErrorBody>(h.app, "POST", "/v1/runs", {
      key: t.keys.write,
      body: { agent: "sales", target: { kind: "lead", id: book.accounts.acme } },
    });
    expect(wrongKind.status).toBe(404);
    expect(wrongKind.body.error.message).toBe(
      `lead ${book.accounts.acme} not found: ${book.accounts.acme} is an account, not a lead`,
    );
    // nothing was created for either
    const [row] = await h.store.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM agent_runs WHERE tenant_id = ${t.tenantId} AND target->>'id' IN ${h.store.sql([NOBODY, book.accounts.acme])}`;
    expect(row!.n).toBe(0);
  });

  it("another tenant's entity reads as not found", async () => {
    const other = await keyedTenant(h.store, "trigger-other");
    const res = await call<ErrorBody>(h.app, "POST", "/v1/runs", {
      key: other.keys.write,
      body: { agent: "sales", target: { kind: "lead", id: book.leads.hot } },
    });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(`lead ${book.leads.hot} not found`);
  });

  it("an event for a missing ticket is a 404 naming the ticket, not a 202", async () => {
    const res = await call<ErrorBody>(h.app, "POST", "/v1/events", {
      key: t.keys.write,
      body: { type: "ticket.created", data: { ticket_id: NOBODY } },
    });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: "TARGET_NOT_FOUND", field: "data.ticket_id" });
    expect(res.body.error.message).toBe(`ticket ${NOBODY} not found`);
    const lead = await call<{ runs: { run: Run }[] }>(h.app, "POST", "/v1/events", {
      key: t.keys.write,
      body: { type: "lead.created", data: { lead_id: book.leads.warm } },
    });
    expect(lead.status).toBe(202);
    expect(lead.body.runs).toHaveLength(1);
  });

  it("a budget above the tenant's maximum is a 400 naming the maximum, not a silent clamp", async () => {
    const res = await call<ErrorBody>(h.app, "POST", "/v1/runs", {
      key: t.keys.write,
      body: { agent: "sales", target: { kind: "lead", id: book.leads.cold }, budget: { max_llm_calls: 51 } },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "BUDGET_ABOVE_MAXIMUM", field: "budget.max_llm_calls" });
    expect(res.body.error.message).toContain("maximum 50");
    const lower = await call<{ run: Run & { budget: Record<string, number> } }>(h.app, "POST", "/v1/runs", {
      key: t.keys.write,
      body: { agent: "sales", target: { kind: "lead", id: book.leads.cold }, budget: { max_llm_calls: 3 } },
    });
    expect(lower.status).toBe(202);
    expect(lower.body.run.budget).toMatchObject({ maxLlmCalls: 3 });
  });
});
