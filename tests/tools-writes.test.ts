import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../db/index.ts";
import { runTool, TOOLS, type ToolContext } from "../tools/index.ts";
import { bookContext, newRun, writeToolsBook, type ToolsBook } from "./support/tools-book.ts";
import { STORE_KINDS, openTestStore } from "./support/stores.ts";

for (const kind of STORE_KINDS) {
  describe(`write tools on ${kind}`, () => {
    let store: Store;
    let a: ToolsBook;
    let b: ToolsBook;
    let ctx: ToolContext;
    const count = async (table: "scores" | "tasks" | "drafts" | "audit_log", tenantId = a.tenantId) =>
      (
        await store.sql<
          { n: number }[]
        >`SELECT count(*)::int AS n FROM ${store.sql(table)} WHERE tenant_id = ${tenantId}`
      )[0]!.n;

    beforeAll(async () => {
      store = await openTestStore(kind);
      a = await writeToolsBook(store.sql, "tools-a");
      b = await writeToolsBook(store.sql, "tools-b");
      ctx = bookContext(store.sql, a);
    });
    afterAll(() => store.close());

    const score = (over: Record<string, unknown> = {}) => ({
      entity_kind: "account",
      entity_id: a.accounts.acme,
      kind: "health",
      value: 42,
      probability: 0.3,
      tier: "at_risk",
      reasons: [
        { factor: "usage_drop", contribution: -20, evidence_ids: [`usage:${a.accounts.acme}:2026-10-01`] },
      ],
      model_version: "health-rules-v1",
      ...over,
    });

    it("record_score is idempotent across a retried run, and a new run adds history", async () => {
      const [scores0, audit0] = [await count("scores"), await count("audit_log")];
      const first = await runTool(TOOLS.record_score, score(), ctx);
      const retry = await runTool(TOOLS.record_score, score({ value: 43 }), ctx);
      expect(first.created).toBe(true);
      expect(retry).toEqual({ id: first.id, created: false });
      expect(await count("scores")).toBe(scores0 + 1);
      expect(await count("audit_log")).toBe(audit0 + 1);
      const [row] =
        await store.sql`SELECT value::float8 AS value, run_id, agent FROM scores WHERE id = ${first.id}`;
      expect(row).toEqual({ value: 43, run_id: a.runId, agent: "sales" });
      const second = await runTool(TOOLS.record_score, score(), {
        ...ctx,
        runId: await newRun(store.sql, a.tenantId),
      });
      expect(second.id).not.toBe(first.id);
      expect(await count("scores")).toBe(scores0 + 2);
    });

    it("propose_task: a retry keeps one row; the dedupe key updates the open task", async () => {
      const task = {
        type: "renewal_prep",
        title: "Prepare the Acme renewal",
        reason: "Renewal in 75 days, usage down 20%",
        entity_kind: "account",
        entity_id: a.accounts.acme,
        priority_value: 5000,
        estimated_minutes: 45,
        evidence_ids: [`usage:${a.accounts.acme}:2026-10-01`, `activity:${a.activities.pricing}`],
        dedupe_key: "renewal_prep:acme",
      };
      const tasks0 = await count("tasks");
      const first = await runTool(TOOLS.propose_task, task, ctx);
      expect(await runTool(TOOLS.propose_task, task, ctx)).toEqual({ id: first.id, created: false });
      const run2 = { ...ctx, runId: await newRun(store.sql, a.tenantId) };
      const updated = await runTool(TOOLS.propose_task, { ...task, title: "Renewal call with Acme" }, run2);
      expect(updated).toEqual({ id: first.id, created: false });
      expect(await count("tasks")).toBe(tasks0 + 1);
      // run_id keeps who proposed it first; task_runs records both runs (migration 0016)
      const [row] = await store.sql`SELECT title, run_id FROM tasks WHERE id = ${first.id}`;
      expect(row).toEqual({ title: "Renewal call with Acme", run_id: ctx.runId });
      const runs = await store.sql<{ run_id: string; created: boolean }[]>`
        SELECT run_id, created FROM task_runs WHERE task_id = ${first.id}`;
      expect(runs).toHaveLength(2);
      expect(runs).toEqual(
        expect.arrayContaining([
          { run_id: ctx.runId, created: true },
          { run_id: run2.runId, created: false },
        ]),
      );
      // once done, the same dedupe key opens a new task; the first run's retry still finds its own
      await store.sql`UPDATE tasks SET status = 'done' WHERE id = ${first.id}`;
      const run3 = { ...ctx, runId: await newRun(store.sql, a.tenantId) };
      const fresh = await runTool(TOOLS.propose_task, task, run3);
      expect(fresh.created).toBe(true);
      expect(await runTool(TOOLS.propose_task, task, ctx)).toEqual({ id: first.id, created: false });
      expect(await count("tasks")).toBe(tasks0 + 2);
    });

    it("propose_task: a suggested assignee of this tenant is set, another tenant's user is not found", async () => {
      const user = async (tenantId: string) =>
        (await store.sql<{ id: string }[]>`SELECT id FROM users WHERE tenant_id = ${tenantId} LIMIT 1`)[0]!
          .id;
      const mine = await user(a.tenantId);
      const task = {
        type: "expansion",
        title: "Talk about more seats",
        reason: "Seats 95% used",
        entity_kind: "account",
        entity_id: a.accounts.beta,
        priority_value: 100,
        estimated_minutes: 20,
        assignee_id: mine,
      };
      const written = await runTool(TOOLS.propose_task, task, ctx);
      const [row] = await store.sql`SELECT assignee_id FROM tasks WHERE id = ${written.id}`;
      expect(row).toEqual({ assignee_id: mine });
      const foreign = { ...task, type: "expansion_other", assignee_id: await user(b.tenantId) };
      await expect(runTool(TOOLS.propose_task, foreign, ctx)).rejects.toMatchObject({ code: "NOT_FOUND" });
    });

    const draft = (over: Record<string, unknown> = {}) => ({
      channel: "email",
      contact_id: a.contacts.ok,
      subject: "Your SSO issue",
      body: "Hi Carla, here is how to reset SSO.",
      evidence_ids: [`ticket:${a.tickets.sso}`, `kb_article:${a.kb}`, `deal:${a.deals.open}`],
      provider: "offline:templates-v1",
      ...over,
    });

    it("create_draft writes once per run and node", async () => {
      const drafts0 = await count("drafts");
      const first = await runTool(TOOLS.create_draft, draft(), ctx);
      const retry = await runTool(TOOLS.create_draft, draft({ body: "Hi Carla, retried text." }), ctx);
      expect(first.created).toBe(true);
      expect(retry).toEqual({ id: first.id, created: false });
      expect(await count("drafts")).toBe(drafts0 + 1);
      const [row] =
        await store.sql`SELECT account_id, entity_kind, provider, body FROM drafts WHERE id = ${first.id}`;
      expect(row).toEqual({
        account_id: a.accounts.acme,
        entity_kind: "contact",
        provider: "offline:templates-v1",
        body: "Hi Carla, retried text.",
      });
      const lead = await runTool(
        TOOLS.create_draft,
        draft({
          contact_id: undefined,
          lead_id: a.leads.linked,
          evidence_ids: [`activity:${a.activities.leadVisit}`],
        }),
        ctx,
      );
      expect(lead.created).toBe(true);
    });

    it("create_draft refuses evidence from another account, naming the ids", async () => {
      const foreign = [`ticket:${a.tickets.beta}`, `activity:${a.activities.betaCall}`];
      const otherTenant = `deal:${b.deals.open}`;
      const err = await runTool(
        TOOLS.create_draft,
        draft({ evidence_ids: [`ticket:${a.tickets.sso}`, ...foreign, otherTenant] }),
        ctx,
      ).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "EVIDENCE_NOT_IN_ACCOUNT", foreign, missing: [otherTenant] });
      expect(String(err)).toContain(a.tickets.beta);
    });

    it("create_draft refuses opted-out and non-consenting recipients", async () => {
      for (const contact_id of [a.contacts.optedOut, a.contacts.noConsent]) {
        await expect(runTool(TOOLS.create_draft, draft({ contact_id }), ctx)).rejects.toMatchObject({
          code: "CONTACT_OPTED_OUT",
        });
      }
      await expect(
        runTool(TOOLS.create_draft, draft({ contact_id: undefined, lead_id: a.leads.doNotContact }), ctx),
      ).rejects.toThrow(/do not contact/);
    });

    it("update_ticket_triage sets the triage columns and audits once", async () => {
      const triage = {
        ticket_id: a.tickets.sso,
        intent: "login_issue",
        intent_confidence: 0.9,
        priority: "high",
        priority_confidence: 0.7,
        sentiment: "negative",
        sentiment_confidence: 0.8,
        language: "en",
        language_confidence: 0.99,
        queue: "tech",
        model_version: "triage-v1",
      };
      const audit0 = await count("audit_log");
      const first = await runTool(TOOLS.update_ticket_triage, triage, ctx);
      const retry = await runTool(TOOLS.update_ticket_triage, triage, ctx);
      expect([first.created, retry.created]).toEqual([true, false]);
      expect(await count("audit_log")).toBe(audit0 + 1);
      const [row] =
        await store.sql`SELECT category, priority, queue, triage FROM tickets WHERE id = ${a.tickets.sso}`;
      expect(row).toMatchObject({ category: "login_issue", priority: "high", queue: "tech" });
      expect(row!["triage"].sentiment).toEqual({ value: "negative", confidence: 0.8 });
    });

    it("append_audit is idempotent per run, node, entity and action", async () => {
      const entry = {
        action: "plan.published",
        entity_kind: "account",
        entity_id: a.accounts.acme,
        details: { n: 1 },
      };
      const first = await runTool(TOOLS.append_audit, entry, ctx);
      expect(await runTool(TOOLS.append_audit, entry, ctx)).toEqual({ id: first.id, created: false });
      const [row] = await store.sql`SELECT actor, run_id, details FROM audit_log WHERE id = ${first.id}`;
      expect(row).toEqual({ actor: "agent:sales", run_id: a.runId, details: { n: 1, node: "score" } });
    });

    it("refuses writes without a run, with another tenant's run, or on another tenant's entities", async () => {
      await expect(runTool(TOOLS.record_score, score(), { ...ctx, runId: null })).rejects.toMatchObject({
        code: "RUN_REQUIRED",
      });
      await expect(
        TOOLS.record_score.handler(score() as never, { ...ctx, runId: null }),
      ).rejects.toMatchObject({
        code: "RUN_REQUIRED",
      });
      await expect(runTool(TOOLS.record_score, score(), { ...ctx, runId: b.runId })).rejects.toMatchObject({
        code: "NOT_FOUND",
        entityKind: "agent_run",
      });
      const bScores = await count("scores", b.tenantId);
      await expect(
        runTool(TOOLS.record_score, score({ entity_id: b.accounts.acme }), ctx),
      ).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      await expect(
        runTool(TOOLS.create_draft, draft({ contact_id: b.contacts.ok }), ctx),
      ).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      expect(await count("scores", b.tenantId)).toBe(bScores);
    });

    it("names the offending field of a bad input", async () => {
      await expect(runTool(TOOLS.record_score, score({ value: 150 }), ctx)).rejects.toMatchObject({
        code: "TOOL_INPUT_INVALID",
        path: "value",
      });
      const badEvidence = score({
        reasons: [{ factor: "x", contribution: 1, evidence_ids: ["usage:2026-10"] }],
      });
      await expect(runTool(TOOLS.record_score, badEvidence, ctx)).rejects.toMatchObject({
        path: "reasons[0].evidence_ids[0]",
      });
      await expect(runTool(TOOLS.create_draft, draft({ evidence_ids: [] }), ctx)).rejects.toMatchObject({
        path: "evidence_ids",
      });
      await expect(
        runTool(TOOLS.create_draft, draft({ lead_id: a.leads.linked }), ctx),
      ).rejects.toMatchObject({
        path: "contact_id",
      });
    });
  });
}
