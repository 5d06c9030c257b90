import type { DealContactFact, LeadFacts } from "./facts.ts";
import { personName } from "./facts.ts";

/** Why a lead must not be contacted, or null when it may be. */
export function leadBlocked(lead: LeadFacts): string | null {
  if (lead.opted_out_at) return `lead opted out on ${lead.opted_out_at.slice(0, 10)}`;
  if (lead.do_not_contact) return "lead is marked do not contact";
  return null;
}

/** Why a contact must not be contacted, or null when they may be. */
export function contactBlocked(c: DealContactFact): string | null {
  if (c.opted_out_at) return `${personName(c)} opted out on ${c.opted_out_at.slice(0, 10)}`;
  if (!c.email_consent) return `${personName(c)} has not consented to email`;
  if (!c.email) return `${personName(c)} has no email address`;
  return null;
}

/** Deal roles in the order a re-engagement email goes to them. */
const ROLE_ORDER = ["champion", "decision_maker", "economic_buyer", "technical_evaluator"];
const rank = (c: DealContactFact) => {
  const i = ROLE_ORDER.indexOf(c.deal_role ?? "");
  return i < 0 ? ROLE_ORDER.length : i;
};

/**
 * The person on a deal a re-engagement draft goes to: the best-placed contact who may be emailed
 * (champion first), or why there is none (every contact opted out, or nobody is on the deal).
 */
export function dealRecipient(
  contacts: readonly DealContactFact[],
): { contact: DealContactFact } | { blocked: string } {
  if (contacts.length === 0) return { blocked: "no contact on the deal" };
  const allowed = contacts.filter((c) => contactBlocked(c) === null);
  if (allowed.length === 0)
    return {
      blocked: `nobody on the deal may be emailed: ${contacts.map((c) => contactBlocked(c)).join("; ")}`,
    };
  const [best] = [...allowed].sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
  return { contact: best! };
}
