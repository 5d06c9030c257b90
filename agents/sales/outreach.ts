import type { Skip } from "./actions.ts";
import { dealRecipient, leadBlocked } from "./consent.ts";
import { daysBetween, personName, type ActivityFact, type DealContactFact } from "./facts.ts";
import type { DealFinding, LeadFinding } from "./findings.ts";
import type { SalesPolicy } from "./policy.ts";
import { slipText, stagnationText } from "./win.ts";

/** One fact a draft may state, with the evidence id that backs it. */
export interface DraftFact {
  evidence_id: string;
  fact: string;
}

/** A draft the agent will write: to whom, about what, why, and the facts it may use. */
export interface DraftPlan {
  template: "hot_lead" | "stalled_deal";
  about: { kind: "lead" | "deal"; id: string };
  recipient: { kind: "lead" | "contact"; id: string; name: string; firstName: string; email: string | null };
  company: string | null;
  sender: string | null;
  /** The rep who owns the lead or deal (follow-ups go to them). */
  ownerId: string | null;
  /** Why this draft, shown to the approver. */
  reason: string;
  expectedValue: number;
  facts: DraftFact[];
}

const day = (iso: string) => iso.slice(0, 10);
const activityFact = (a: ActivityFact, what: string): DraftFact => ({
  evidence_id: `activity:${a.id}`,
  fact: `${what} on ${day(a.occurred_at)}${a.subject ? ` ("${a.subject}")` : ""}`,
});

function leadPlan(f: LeadFinding): DraftPlan {
  const { lead } = f;
  const mine = lead.activities.filter((a) => a.direction !== "outbound");
  const facts: DraftFact[] = [];
  const pricing = mine.find((a) => a.kind === "pricing_page_view");
  if (pricing) facts.push(activityFact(pricing, "viewed the pricing page"));
  const demo = mine.find((a) => a.kind === "demo_request");
  if (demo) facts.push(activityFact(demo, "requested a demo"));
  const other = mine.find((a) => a !== pricing && a !== demo);
  if (other) facts.push(activityFact(other, `latest interaction: ${other.kind.replaceAll("_", " ")}`));
  const role = [lead.title, lead.company].filter(Boolean).join(" at ");
  facts.push({ evidence_id: `lead:${lead.id}`, fact: `works as ${role || "(unknown role)"}` });
  return {
    template: "hot_lead",
    about: { kind: "lead", id: lead.id },
    recipient: {
      kind: "lead",
      id: lead.id,
      name: personName(lead),
      firstName: lead.first_name ?? "there",
      email: lead.email,
    },
    company: lead.company,
    sender: lead.owner_name,
    ownerId: lead.owner_id,
    reason: `hot lead, score ${f.score.value} [${f.score.model_version}]`,
    expectedValue: f.expectedValue,
    facts,
  };
}

function dealPlan(f: DealFinding, contact: DealContactFact): DraftPlan {
  const { deal, signals } = f;
  const ref = `deal:${deal.id}`;
  const facts: DraftFact[] = [
    { evidence_id: ref, fact: `deal "${deal.name}" is in stage ${deal.stage}: ${stagnationText(signals)}` },
  ];
  const last = deal.activities[0];
  if (last) facts.push(activityFact(last, `last ${last.kind.replaceAll("_", " ")} on the deal`));
  if (deal.next_step) facts.push({ evidence_id: ref, fact: `agreed next step: "${deal.next_step}"` });
  if (signals.slipped) facts.push({ evidence_id: ref, fact: slipText(deal, signals) });
  return {
    template: "stalled_deal",
    about: { kind: "deal", id: deal.id },
    recipient: {
      kind: "contact",
      id: contact.id,
      name: personName(contact),
      firstName: contact.first_name ?? "there",
      email: contact.email,
    },
    company: deal.account_name,
    sender: deal.owner_name,
    ownerId: deal.owner_id,
    reason: `stalled deal, ${stagnationText(signals)}; P(win) ${f.win.probability}`,
    expectedValue: f.expectedValue,
    facts,
  };
}

/** An earlier draft of another run inside the cooldown, as a reason to skip. */
function cooldown(
  drafts: { id: string; status: string; created_at: string }[],
  policy: SalesPolicy,
  asOf: Date,
) {
  const recent = drafts.find((d) => daysBetween(d.created_at, asOf) <= policy.draft_cooldown_days);
  return recent
    ? `already drafted ${day(recent.created_at)} (draft ${recent.id}, ${recent.status}), within ${policy.draft_cooldown_days} days`
    : null;
}

/**
 * The drafts of a run: hot leads and stagnating deals, highest expected value first, at most
 * `max_drafts_per_run`. Leads marked do-not-contact or opted out, deals where nobody may be
 * emailed, entities drafted for recently, and those over the cap are skipped, each with why.
 */
export function planDrafts(
  hot: readonly LeadFinding[],
  stalled: readonly DealFinding[],
  policy: SalesPolicy,
  asOf: Date,
): { plans: DraftPlan[]; skips: Skip[] } {
  const skips: Skip[] = [];
  const plans: DraftPlan[] = [];
  const skip = (entity_kind: "lead" | "deal", entity_id: string, reason: string) =>
    skips.push({ what: "draft", entity_kind, entity_id, reason });
  for (const f of hot) {
    const why = leadBlocked(f.lead) ?? cooldown(f.lead.recent_drafts, policy, asOf);
    if (why) skip("lead", f.lead.id, why);
    else plans.push(leadPlan(f));
  }
  for (const f of stalled) {
    const to = dealRecipient(f.deal.contacts);
    const why = "blocked" in to ? to.blocked : cooldown(f.deal.recent_drafts, policy, asOf);
    if (why || "blocked" in to) skip("deal", f.deal.id, why ?? "");
    else plans.push(dealPlan(f, to.contact));
  }
  plans.sort((a, b) => b.expectedValue - a.expectedValue || a.about.id.localeCompare(b.about.id));
  for (const p of plans.slice(policy.max_drafts_per_run))
    skip(
      p.about.kind,
      p.about.id,
      `over the cap of ${policy.max_drafts_per_run} drafts per run (expected value ${p.expectedValue})`,
    );
  return { plans: plans.slice(0, policy.max_drafts_per_run), skips };
}
