import type { PlannerPolicy } from "./policy.ts";

/** A contact's recent campaign click or response (planner_campaign_responses). */
export interface CampaignResponse {
  contact_id: string;
  first_name: string | null;
  last_name: string | null;
  account_id: string;
  account_name: string;
  arr: number | null;
  owner_id: string | null;
  campaign_id: string;
  campaign_name: string;
  status: "clicked" | "responded";
  at: Date | string;
  contactable: boolean;
}

/** A proposal as planner_save_proposals takes it. */
export interface PlanProposal {
  source: string;
  type: string;
  title: string;
  reason: string;
  entity_kind: "account" | "contact" | "lead" | "deal" | "ticket";
  entity_id: string;
  priority_value: number;
  estimated_minutes: number;
  required_skill: string | null;
  due_at: string | null;
  owner_id: string | null;
  evidence_ids: string[];
  dedupe_key: string;
}

/**
 * The marketing source's proposals. The marketing agent writes segments, audiences and drafts but
 * no tasks; what its campaigns leave for a person is the follow-up on a contact who responded or
 * clicked lately. EV = account ARR × the policy's share for the response kind (responded 10 %,
 * clicked 3 % by default). A contact who may not be contacted (no consent, opted out) gets none.
 */
export function followUpProposals(
  responses: CampaignResponse[],
  asOf: Date,
  policy: PlannerPolicy,
): PlanProposal[] {
  const p = policy.marketingFollowUp;
  return responses
    .filter((r) => r.contactable)
    .map((r) => {
      const who = [r.first_name, r.last_name].filter(Boolean).join(" ") || "the contact";
      const share = r.status === "responded" ? p.respondedShare : p.clickedShare;
      const arr = r.arr ?? 0;
      const when = new Date(r.at).toISOString().slice(0, 10);
      return {
        source: "marketing",
        type: "campaign_follow_up",
        title: `Follow up with ${who} at ${r.account_name}: ${r.status} to "${r.campaign_name}"`.slice(
          0,
          200,
        ),
        reason:
          `${who} ${r.status === "responded" ? "responded" : "clicked"} on ${when} to campaign "${r.campaign_name}". ` +
          `Expected value ${Math.round(arr * share * 100) / 100} (ARR ${arr} × ${share} for a ${r.status}).`,
        entity_kind: "contact",
        entity_id: r.contact_id,
        priority_value: Math.round(arr * share * 100) / 100,
        estimated_minutes: p.minutes,
        required_skill: null,
        due_at: new Date(asOf.getTime() + p.dueHours * 3_600_000).toISOString(),
        owner_id: r.owner_id,
        evidence_ids: [`contact:${r.contact_id}`, `account:${r.account_id}`],
        dedupe_key: `marketing:campaign_follow_up:contact:${r.contact_id}`,
      };
    });
}
