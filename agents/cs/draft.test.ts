import { describe, expect, it } from "vitest";
import { ids, NOW, snapshot, usage } from "../../tests/support/cs-snapshot.ts";
import type { CsContact } from "../../tools/reads/cs-account-signals.ts";
import { scoreChurn } from "./churn.ts";
import { briefEvidence, draftBlocker, draftBrief, pickRecipient } from "./draft.ts";
import { scoreHealth } from "./health.ts";
import { parseCsPolicy } from "./policy.ts";
import { draftMessages, templateDraft } from "./prompts.ts";

const policy = parseCsPolicy(null);
const contact = (n: number, role: string, contactable: boolean): CsContact => ({
  id: ids.id(n),
  account_id: "a",
  first_name: `P${n}`,
  last_name: "Doe",
  title: null,
  role,
  email: `p${n}@x.example`,
  contactable,
});

describe("at-risk drafts", () => {
  it("go to the champion first, then decision makers; never to someone who may not be emailed", () => {
    expect(pickRecipient([contact(1, "user", true), contact(2, "decision_maker", true)])!.id).toBe(ids.id(2));
    expect(pickRecipient([contact(1, "champion", false), contact(2, "user", true)])!.id).toBe(ids.id(2));
    expect(pickRecipient([contact(1, "champion", false)])).toBeNull();
  });

  it("are blocked when every contact opted out, when there is none, and inside the cooldown", () => {
    expect(draftBlocker(snapshot(), policy, NOW)).toBeNull();
    const optedOut = snapshot({}, { contacts: [contact(1, "champion", false), contact(2, "user", false)] });
    expect(draftBlocker(optedOut, policy, NOW)).toBe(
      "none of 2 contacts may be emailed (opted out or no consent)",
    );
    expect(draftBlocker(snapshot({}, { contacts: [] }), policy, NOW)).toBe("no contacts on the account");
    const recent = {
      account_id: "a",
      id: ids.id(5),
      status: "pending",
      created_at: "2026-11-10T09:00:00.000Z",
    };
    expect(draftBlocker(snapshot({}, { last_draft: recent }), policy, NOW)).toBe(
      "a draft was written on 2026-11-10 (pending); cooldown 14 days",
    );
    expect(
      draftBlocker(snapshot({}, { last_draft: recent }), parseCsPolicy({ drafts: { cooldownDays: 3 } }), NOW),
    ).toBeNull();
  });

  it("state only facts backed by evidence ids, and the offline template uses nothing else", () => {
    const snap = snapshot({
      usage: usage(20, 50, 30),
      open_tickets: 4,
      tickets_90d: 4,
      open_ticket_ids: [ids.id(30), ids.id(31)],
    });
    const health = scoreHealth(snap.signals, [], policy);
    const a = {
      accountId: snap.account.id,
      health,
      churn: scoreChurn(snap.signals, health, { kind: "heuristic", why: "t" }, policy),
      atRisk: true,
    };
    const brief = draftBrief(snap, a, snap.contacts[0]!);
    expect(brief.facts.map((f) => f.text)).toEqual([
      "Active users are down 60% over the last three months.",
      "30 of your 100 seats are in use.",
      "You have 4 support tickets open with us.",
      "Your renewal comes up on 2027-05-15.",
    ]);
    expect(brief.facts.every((f) => f.evidence.length > 0)).toBe(true);
    expect(briefEvidence(brief, snap.account.id)).toContain(`ticket:${ids.id(30)}`);
    const draft = templateDraft(brief);
    expect(draft.body).toContain("Hi Cara,");
    for (const f of brief.facts) expect(draft.body).toContain(f.text);
    expect(draft.body.trim().endsWith("Olga Owner")).toBe(true);
    expect(draft.body).not.toMatch(/risk|churn|score/i);
    expect(String(draftMessages(brief)[1]!.content)).toContain("- Active users are down 60%");
  });
});
