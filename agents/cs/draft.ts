import type { CsAccountSnapshot, CsContact } from "../../tools/reads/cs-account-signals.ts";
import type { Assessment } from "./assessment.ts";
import { accountId, ticketIds, usageIds } from "./evidence.ts";
import type { CsPolicy } from "./policy.ts";

/** Who gets an at-risk draft first: the champion, then the people who decide. */
const ROLE_ORDER = ["champion", "decision_maker", "executive", "user", "technical", "billing", "other"];
const DAY_MS = 86_400_000;

/** A fact the draft may state, with the rows that back it. */
export interface DraftFact {
  text: string;
  evidence: string[];
}

/** Everything a draft is written from (the offline template and the LLM prompt alike). */
export interface DraftBrief {
  accountName: string;
  contact: { id: string; firstName: string; fullName: string; email: string | null };
  ownerName: string | null;
  facts: DraftFact[];
}

/** Why an at-risk account gets no draft, or null when it should get one. */
export function draftBlocker(snap: CsAccountSnapshot, policy: CsPolicy, now: Date): string | null {
  const last = snap.last_draft;
  if (last && now.getTime() - new Date(last.created_at).getTime() < policy.drafts.cooldownDays * DAY_MS)
    return `a draft was written on ${last.created_at.slice(0, 10)} (${last.status}); cooldown ${policy.drafts.cooldownDays} days`;
  if (!pickRecipient(snap.contacts))
    return snap.contacts.length === 0
      ? "no contacts on the account"
      : `none of ${snap.contacts.length} contacts may be emailed (opted out or no consent)`;
  return null;
}

/** The contact to write to: contactable (consent, no opt-out, an address), by role order. */
export function pickRecipient(contacts: readonly CsContact[]): CsContact | null {
  const rank = (c: CsContact) => {
    const i = ROLE_ORDER.indexOf(c.role ?? "other");
    return i < 0 ? ROLE_ORDER.length : i;
  };
  return [...contacts].filter((c) => c.contactable).sort((a, b) => rank(a) - rank(b))[0] ?? null;
}

/** The facts of an at-risk draft: what pulls the account's health down, and its renewal. */
export function draftBrief(snap: CsAccountSnapshot, a: Assessment, recipient: CsContact): DraftBrief {
  const s = snap.signals;
  const m = a.health.metrics;
  const facts: DraftFact[] = [];
  for (const d of a.health.drivers
    .filter((x) => x.contribution < 0)
    .sort((x, y) => x.contribution - y.contribution)) {
    if (d.driver === "usage_trend" && m.usageChangePct !== null && m.usageChangePct < 0)
      facts.push({
        text: `Active users are down ${Math.round(-m.usageChangePct)}% over the last three months.`,
        evidence: usageIds(s),
      });
    if (d.driver === "seat_use" && m.seatUse !== null)
      facts.push({
        text: `${s.usage[0]!.seats_used} of your ${s.seats_purchased} seats ${s.usage[0]!.seats_used === 1 ? "is" : "are"} in use.`,
        evidence: usageIds(s, 1),
      });
    if (d.driver === "support_load" && s.open_tickets > 0)
      facts.push({
        text: `You have ${s.open_tickets} support ticket${s.open_tickets === 1 ? "" : "s"} open with us.`,
        evidence: ticketIds(s.open_ticket_ids, 5),
      });
    if (d.driver === "support_sentiment" && s.feedback_ticket_ids.length > 0)
      facts.push({
        text: "Your recent support experiences have not been as good as they should be.",
        evidence: ticketIds(s.feedback_ticket_ids, 5),
      });
    if (d.driver === "engagement" && m.daysSinceActivity !== null && s.last_activity_id)
      facts.push({
        text: `It has been ${Math.floor(m.daysSinceActivity)} days since we last spoke.`,
        evidence: [`activity:${s.last_activity_id}`],
      });
  }
  if (snap.account.renewal_date)
    facts.push({
      text: `Your renewal comes up on ${snap.account.renewal_date}.`,
      evidence: [accountId(snap.account.id)],
    });
  const fullName = [recipient.first_name, recipient.last_name].filter(Boolean).join(" ") || "there";
  return {
    accountName: snap.account.name,
    contact: {
      id: recipient.id,
      firstName: recipient.first_name ?? "there",
      fullName,
      email: recipient.email,
    },
    ownerName: snap.account.owner_name,
    facts: facts.slice(0, 4),
  };
}

/** The evidence of a brief: every fact's ids (the account itself when there are no facts). */
export const briefEvidence = (b: DraftBrief, account: string): string[] => {
  const ids = [...new Set(b.facts.flatMap((f) => f.evidence))];
  return ids.length > 0 ? ids.slice(0, 50) : [accountId(account)];
};
