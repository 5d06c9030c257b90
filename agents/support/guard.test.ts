import { describe, expect, it } from "vitest";
import { checkModelToolCall, type GuardScope } from "./guard.ts";

const T = "11111111-1111-4111-8111-111111111111";
const C = "22222222-2222-4222-8222-222222222222";
const OTHER = "33333333-3333-4333-8333-333333333333";
const KB = "kb_article:44444444-4444-4444-8444-444444444444";
const scope = (): GuardScope => ({
  ticketId: T,
  contactId: C,
  evidence: [KB, `ticket:${T}`],
  allowed: { create_draft: 0, propose_task: 0 },
});
const draft = (args: Record<string, unknown>) => ({
  name: "create_draft",
  args: { contact_id: C, body: "Hi", evidence_ids: [KB], ...args },
});

describe("the support guard on model tool calls", () => {
  it("allows a reply to the requester, keeping only offered evidence", () => {
    expect(
      checkModelToolCall(draft({ evidence_ids: [KB, `ticket:${OTHER}`], subject: "Re" }), scope()),
    ).toEqual({
      verdict: "allowed",
      tool: "create_draft",
      args: { subject: "Re", body: "Hi", evidence_ids: [KB] },
    });
  });

  it.each([
    [{ name: "segment_query", args: {} }, "not on the support agent's allow-list"],
    [
      { name: "update_ticket_triage", args: { ticket_id: T } },
      "on the allow-list, but not a tool a model may call while answering a ticket",
    ],
    [draft({ contact_id: OTHER }), `recipient ${OTHER} is not the ticket's requester ${C}`],
    [draft({ lead_id: OTHER }), "a reply goes to the ticket's requester, not to a lead"],
    [draft({ channel: "sms" }), "channel sms is not a ticket reply"],
    [draft({ about_kind: "ticket", about_id: OTHER }), `about ${OTHER}, not this ticket`],
    [draft({ about_kind: "account", about_id: T }), "about a account, not a ticket"],
    [draft({ body: "  " }), "no reply text"],
    [draft({ evidence_ids: [`ticket:${T}`] }), "cites no retrieved help article"],
    [
      { name: "propose_task", args: { type: "refund", entity_kind: "ticket", entity_id: T } },
      "task type refund is not support_escalation",
    ],
    [
      { name: "propose_task", args: { type: "support_escalation", entity_kind: "ticket", entity_id: OTHER } },
      `about ticket ${OTHER}, not this ticket`,
    ],
  ])("blocks %j: %s", (call, reason) => {
    expect(checkModelToolCall(call, scope())).toEqual({ verdict: "blocked", tool: call.name, reason });
  });

  it("allows one draft and one escalation per ticket", () => {
    const s = { ...scope(), allowed: { create_draft: 1, propose_task: 1 } };
    expect(checkModelToolCall(draft({}), s)).toMatchObject({
      verdict: "blocked",
      reason: "one reply draft per ticket",
    });
    expect(
      checkModelToolCall(
        { name: "propose_task", args: { type: "support_escalation", entity_kind: "ticket", entity_id: T } },
        s,
      ),
    ).toMatchObject({ verdict: "blocked", reason: "one escalation per ticket" });
  });
});
