import { describe, expect, it } from "vitest";
import { ids, NOW, snapshot, usage } from "../../tests/support/cs-snapshot.ts";
import type { CsOpenTicket } from "../../tools/reads/cs-account-signals.ts";
import { scoreChurn } from "./churn.ts";
import { escalationPriority, escalations } from "./escalation.ts";
import { scoreHealth } from "./health.ts";
import { parseCsPolicy } from "./policy.ts";

const policy = parseCsPolicy(null);
const ticket = (over: Partial<CsOpenTicket>): CsOpenTicket => ({
  id: ids.id(40),
  account_id: "a",
  subject: "Export broken",
  status: "open",
  priority: "medium",
  created_at: new Date(NOW.getTime() - 5 * 86_400_000).toISOString(),
  triage_priority: null,
  triage_sentiment: null,
  ...over,
});

describe("escalation", () => {
  it("takes the triage priority when there is one, raised a level by negative sentiment", () => {
    expect(escalationPriority(ticket({}))).toEqual({ priority: "medium", basis: "ticket priority medium" });
    expect(escalationPriority(ticket({ triage_priority: "high" })).priority).toBe("high");
    expect(escalationPriority(ticket({ triage_priority: "high", triage_sentiment: "negative" }))).toEqual({
      priority: "critical",
      basis: "triage priority high, negative sentiment (triage) raised it",
    });
    expect(escalationPriority(ticket({ priority: null })).priority).toBe("medium");
  });

  it("raises a task per recent open ticket of an at-risk account, due by its priority", () => {
    const old = ticket({
      id: ids.id(41),
      created_at: new Date(NOW.getTime() - 40 * 86_400_000).toISOString(),
    });
    const hot = ticket({ triage_priority: "high", triage_sentiment: "negative" });
    const snap = snapshot(
      { usage: usage(20, 50, 30), open_tickets: 4, tickets_90d: 4 },
      { open_tickets: [hot, old] },
    );
    const health = scoreHealth(snap.signals, [], policy);
    const churn = scoreChurn(snap.signals, health, { kind: "heuristic", why: "t" }, policy);
    const a = { accountId: snap.account.id, health, churn, atRisk: true };
    const tasks = escalations(snap, a, policy, NOW);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      type: "cs_escalation",
      entity_kind: "ticket",
      entity_id: hot.id,
      evidence_ids: [`ticket:${hot.id}`],
      dedupe_key: `cs:cs_escalation:at_risk_account:ticket:${hot.id}`,
      due_at: new Date(NOW.getTime() + 4 * 3_600_000).toISOString(),
    });
    expect(tasks[0]!.title).toBe('Escalation (critical): "Export broken" from at-risk Unit Co');
    expect(escalations(snap, { ...a, atRisk: false }, policy, NOW)).toEqual([]);
  });
});
