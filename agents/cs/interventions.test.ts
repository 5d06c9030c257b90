import { describe, expect, it } from "vitest";
import { ids, NOW, snapshot, usage } from "../../tests/support/cs-snapshot.ts";
import type { CsAccountSnapshot } from "../../tools/reads/cs-account-signals.ts";
import type { Assessment } from "./assessment.ts";
import { scoreChurn } from "./churn.ts";
import { scoreHealth } from "./health.ts";
import { interventions } from "./interventions.ts";
import { parseCsPolicy, type CsPolicy } from "./policy.ts";

const policy = parseCsPolicy(null);
const ago = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const inDays = (days: number) => new Date(NOW.getTime() + days * 86_400_000).toISOString().slice(0, 10);

function assess(snap: CsAccountSnapshot, p: CsPolicy = policy): Assessment {
  const health = scoreHealth(snap.signals, snap.health_history, p);
  const churn = scoreChurn(snap.signals, health, { kind: "heuristic", why: "test" }, p);
  return { accountId: snap.account.id, health, churn, atRisk: health.tier === "at_risk" };
}
const plan = (snap: CsAccountSnapshot, p: CsPolicy = policy) => interventions(snap, assess(snap, p), p, NOW);
const types = (snap: CsAccountSnapshot, p?: CsPolicy) =>
  plan(snap, p).map((t) => `${t.type}:${t.reasonCode}`);
const atRisk = { usage: usage(20, 50, 30), last_activity_at: ago(120), open_tickets: 4, tickets_90d: 4 };

describe("interventions", () => {
  it("a steady account with recent activity needs nothing", () => {
    expect(types(snapshot({ last_activity_at: ago(10) }))).toEqual([]);
  });

  it("renewal preparation inside the 90-day window only, due 30 days before, deduped per renewal date", () => {
    expect(types(snapshot({ last_activity_at: ago(10) }, { account: { renewal_date: inDays(91) } }))).toEqual(
      [],
    );
    const [t] = plan(snapshot({ last_activity_at: ago(10) }, { account: { renewal_date: inDays(60) } }));
    expect(t).toMatchObject({
      type: "renewal_prep",
      reasonCode: `renewal_${inDays(60)}`,
      entity_kind: "account",
    });
    expect(t!.due_at.slice(0, 10)).toBe(inDays(30));
    expect(t!.dedupe_key).toBe(`cs:renewal_prep:renewal_${inDays(60)}:account:${t!.entity_id}`);
    expect(t!.reason).toContain("Owner: Olga Owner.");
    const soon = plan(snapshot({ last_activity_at: ago(10) }, { account: { renewal_date: inDays(10) } }))[0]!;
    expect(soon.due_at.slice(0, 10)).toBe(inDays(2)); // the 30-day mark has passed: due in 2 days
    expect(types(snapshot({ last_activity_at: ago(10) }, { account: { renewal_date: inDays(-1) } }))).toEqual(
      [],
    );
    const tenant = parseCsPolicy({ interventions: { renewalLeadDays: 120 } });
    expect(
      types(snapshot({ last_activity_at: ago(10) }, { account: { renewal_date: inDays(100) } }), tenant),
    ).toEqual([`renewal_prep:renewal_${inDays(100)}`]);
  });

  it("an at-risk account gets executive sponsor outreach to its executive (no check-in)", () => {
    const exec = {
      ...snapshot().contacts[0]!,
      id: ids.id(21),
      first_name: "Eve",
      last_name: "Exec",
      role: "executive",
      title: "CEO",
    };
    const snap = snapshot(atRisk, { contacts: [...snapshot().contacts, exec] });
    expect(types(snap)).toEqual(["exec_sponsor:at_risk"]);
    const [t] = plan(snap);
    expect(t!.title).toBe("Executive sponsor outreach: Eve Exec, CEO at Unit Co");
    expect(t!.evidence_ids).toContain(`contact:${exec.id}`);
    expect(t!.priority_value).toBeCloseTo(12000 * assess(snap).churn.probability, 1);
    expect(plan(snapshot(atRisk))[0]!.title).toBe("Find an executive sponsor at Unit Co");
  });

  it("check-in: usage decline, else an engagement gap, else a declining watch account", () => {
    expect(types(snapshot({ usage: usage(38, 50, 62), last_activity_at: ago(10) }))).toEqual([
      "check_in:usage_decline",
    ]);
    expect(types(snapshot({ last_activity_at: ago(50) }))).toEqual(["check_in:engagement_gap"]);
    const history = [{ account_id: "x", value: 90, tier: "healthy", created_at: ago(7) }];
    expect(types(snapshot({ last_activity_at: ago(10) }, { health_history: history }))).toEqual([
      "check_in:health_declining",
    ]);
  });

  it("QBR for mid-market and enterprise customers without a meeting in 90 days", () => {
    const ent = { account: { segment: "enterprise" } };
    expect(types(snapshot({ last_activity_at: ago(10) }, ent))).toEqual(["qbr:qbr_due"]);
    expect(
      types(
        snapshot({ last_activity_at: ago(10), last_meeting_at: ago(30), last_meeting_id: ids.id(3) }, ent),
      ),
    ).toEqual([]);
    expect(
      types(
        snapshot(
          { last_activity_at: ago(10) },
          { account: { segment: "enterprise", lifecycle_stage: "onboarding" } },
        ),
      ),
    ).toEqual([]);
  });

  it("expansion when seat use reaches 90 %, for the account owner", () => {
    expect(types(snapshot({ last_activity_at: ago(10), usage: usage(80, 80, 89) }))).toEqual([]);
    const [t] = plan(snapshot({ last_activity_at: ago(10), usage: usage(80, 80, 90) }));
    expect(t).toMatchObject({ type: "expansion", reasonCode: "seats_near_limit", priority_value: 2400 });
    expect(t!.title).toBe("Expansion: Unit Co uses 90% of its 100 seats");
    expect(t!.reason).toContain("For the account owner — Owner: Olga Owner.");
    expect(t!.evidence_ids).toEqual([`usage:${t!.entity_id}:2026-10-01`]);
  });
});
