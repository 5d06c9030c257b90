import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../db/index.ts";
import { supportAgent } from "../graphs/support/index.ts";
import { decideRunDrafts, runAgent, type RunLeg } from "../graphs/runtime/index.ts";
import {
  addTechnicalTickets,
  SUPPORT_NOW,
  writeSupportBook,
  type SupportBook,
} from "./support/support-book.ts";
import { supportOutputs } from "./support/support-outputs.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { STORE_KINDS, openTestStore } from "./support/stores.ts";

describe.each(STORE_KINDS)("support agent over every open ticket on %s", (kind) => {
  let store: Store;
  let book: SupportBook;
  let extra: string[];
  let leg: RunLeg;
  let out: Awaited<ReturnType<typeof supportOutputs>>;
  const taskOf = (type: string, ticket: string) =>
    out.tasks.find((t) => t.type === type && t.entity_id === ticket);

  beforeAll(async () => {
    store = await openTestStore(kind);
    book = await writeSupportBook(store.sql, `support-all-${kind}`);
    extra = await addTechnicalTickets(store.sql, book, 6);
    const deps = await testDeps(store, { now: () => SUPPORT_NOW });
    leg = await runAgent(deps, supportAgent, { tenantId: book.tenantId, target: { kind: "all" } });
    out = await supportOutputs(store.sql, book.tenantId);
  });
  afterAll(() => store?.close());

  it("trains the triage model on the labelled history and writes every label with a confidence", async () => {
    expect(leg.run.status).toBe("interrupted");
    expect(String(leg.values.triageModelNote)).toMatch(
      /^trained support-triage-[0-9a-f]{12} on 41 labelled tickets/,
    );
    const [model] = await store.sql`SELECT version, trained_rows FROM score_models
                                    WHERE tenant_id = ${book.tenantId} AND name = 'support-triage' AND active`;
    expect(model).toMatchObject({ trained_rows: 41 });
    const pwd = out.tickets.find((t) => t.id === book.tickets.password)!;
    expect(pwd).toMatchObject({ category: "login_access", queue: "technical", language: "en" });
    for (const label of ["intent", "priority", "sentiment", "language"]) {
      expect(pwd.triage![label]!.confidence).toBeGreaterThanOrEqual(0);
      expect(pwd.triage![label]!.confidence).toBeLessThanOrEqual(1);
    }
    expect(pwd.triage!.intent!.confidence).toBeGreaterThan(0.6);
    expect(out.tickets.find((t) => t.id === book.tickets.billing)).toMatchObject({
      category: "billing",
      queue: "billing",
    });
    const german = out.tickets.find((t) => t.id === book.tickets.german)!;
    expect(german.triage!.language).toMatchObject({ value: "de" });
    expect(out.audit.filter((a) => a.action === "ticket.triaged")).toHaveLength(
      out.tickets.filter((t) => t.triage).length,
    );
  });

  it("routes by skills and current load: the busy person gets fewer new tickets, nobody past capacity", async () => {
    const newIds = new Set([...Object.values(book.tickets), ...extra]);
    const routed = out.tickets.filter((t) => newIds.has(t.id));
    const count = (who: string) => routed.filter((t) => t.assignee_id === who).length;
    expect(count(book.people.free)).toBeGreaterThan(count(book.people.busy));
    expect(8 + count(book.people.busy)).toBeLessThanOrEqual(10); // Ada's limit: 5 h × 2 tickets per hour
    expect(count(book.people.free) + count(book.people.busy) + count(book.people.deutsch)).toBe(
      routed.length,
    );
    const assigned = out.audit.filter((a) => a.action === "ticket.assigned");
    expect(assigned).toHaveLength(routed.length);
    expect(String(assigned[0]!.details.reason)).toMatch(/skills .*; \d+ of \d+ open tickets$/);
  });

  it("proposes an SLA task due before the predicted breach for a ticket at risk", () => {
    const sla = taskOf("sla_risk", book.tickets.slaRisk)!;
    const breach = new Date(SUPPORT_NOW.getTime() + 4 * 60_000); // created 56 min ago, 60 min target
    expect(sla.due_at!.getTime()).toBeLessThan(breach.getTime());
    expect(sla.due_at!.getTime()).toBeGreaterThanOrEqual(SUPPORT_NOW.getTime());
    expect(sla.reason).toMatch(
      /^first response SLA breach probability 0\.\d+: priority \w+; \d+ open in the queue; working hours;/,
    );
    expect(sla.reason).toMatch(/Model sla-fitted-[0-9a-f]{10}\.$/);
    expect(sla.assignee_id).not.toBeNull();
    expect(taskOf("sla_risk", book.tickets.password)).toBeUndefined(); // ten minutes into four hours
  });

  it("drafts replies grounded in retrieved articles, citing their ids", () => {
    const byTicket = (id: string) => out.drafts.find((d) => d.entity_id === id)!;
    const pwd = byTicket(book.tickets.password);
    expect(pwd).toMatchObject({
      contact_id: book.contacts.cara,
      status: "pending",
      channel: "reply",
      provider: "offline:support-kb-reply-v1",
    });
    expect(pwd.evidence_ids).toContain(`kb_article:${book.articles.password}`);
    expect(pwd.evidence_ids).toContain(`ticket:${book.tickets.password}`);
    expect(pwd.body).toContain("[1] Reset your password — https://help.example/reset-your-password");
    expect(pwd.body).toContain("click Forgot password");
    expect(byTicket(book.tickets.billing).evidence_ids).toContain(`kb_article:${book.articles.billing}`);
    const cited = out.drafts.flatMap((d) => d.evidence_ids.filter((e) => e.startsWith("kb_article:")));
    const real = new Set(Object.values(book.articles).map((id) => `kb_article:${id}`));
    expect(cited.every((e) => real.has(e))).toBe(true);
    expect(leg.interrupts).toEqual([expect.objectContaining({ kind: "draft_approval" })]);
  });

  it("escalates to a person with a summary below the confidence threshold, and never drafts for an opted-out requester", () => {
    const vague = taskOf("support_escalation", book.tickets.vague)!;
    expect(vague.reason).toMatch(/^Why escalated: intent \w+ at confidence 0\.\d+ is below 0\.6\./);
    expect(vague.reason).toContain(
      'Customer wrote (quoted, not instructions): "Question" — "Something is wrong, please help."',
    );
    expect(vague.reason).toMatch(/Triage: intent \w+ \(0\.\d+; next: /);
    expect(out.drafts.some((d) => d.entity_id === book.tickets.vague)).toBe(false);
    const optedOut = taskOf("support_escalation", book.tickets.optedOut)!;
    expect(optedOut.reason).toMatch(/may not be emailed/);
    expect(out.drafts.some((d) => d.contact_id === book.contacts.olaf)).toBe(false);
  });

  it("escalates a ticket of an at-risk account to customer success, for the account owner", () => {
    const cs = taskOf("cs_escalation", book.tickets.risky)!;
    expect(cs).toMatchObject({
      assignee_id: book.people.owner,
      dedupe_key: `cs:cs_escalation:at_risk_account:ticket:${book.tickets.risky}`,
      evidence_ids: [`ticket:${book.tickets.risky}`, `account:${book.accounts.risky}`],
      source_agent: "support",
    });
    expect(cs.reason).toMatch(/at risk: churn probability 0\.8 ≥ 0\.5/);
    expect(out.tasks.filter((t) => t.type === "cs_escalation")).toHaveLength(1); // Calm Co is not at risk
  });

  it("approval moves the approved drafts to the outbox and finishes the run", async () => {
    const deps = await testDeps(store, { now: () => SUPPORT_NOW });
    const pending = out.drafts.filter((d) => d.status === "pending");
    const [first, ...rest] = pending;
    const decided = await decideRunDrafts(
      deps,
      supportAgent,
      book.tenantId,
      leg.run.id,
      [
        { draftId: first!.id, decision: "approve" },
        ...rest.map((d) => ({ draftId: d.id, decision: "reject" as const })),
      ],
      "user:test",
    );
    expect(decided.run.status).toBe("succeeded");
    const after = await supportOutputs(store.sql, book.tenantId);
    expect(after.outbox.map((o) => o.draft_id)).toEqual([first!.id]);
    expect(after.drafts.find((d) => d.id === first!.id)!.status).toBe("approved");
  });
});
