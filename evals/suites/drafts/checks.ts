import { extractClaims, grounded, supportOf, type Claim } from "./claims.ts";
import type { DraftRow, Person } from "./load.ts";

/** Length limits of a draft (an email a person reads on a phone). */
export const LIMITS = { subjectMax: 120, bodyMin: 80, bodyMax: 2000 } as const;

/** What one draft got wrong, if anything. */
export interface DraftVerdict {
  id: string;
  agent: string;
  claims: number;
  ungrounded: Claim[];
  /** Another contact's or lead's name, address or phone number in the text. */
  otherPersonData: string[];
  /** The recipient has opted out or gave no consent. */
  optedOut: boolean;
  missingFields: string[];
  lengthProblems: string[];
  /** Evidence ids that resolve to no row of the tenant. */
  unresolvedEvidence: string[];
}

export const passes = (v: DraftVerdict): boolean =>
  v.ungrounded.length === 0 &&
  v.otherPersonData.length === 0 &&
  !v.optedOut &&
  v.missingFields.length === 0 &&
  v.lengthProblems.length === 0 &&
  v.unresolvedEvidence.length === 0;

const digits = (s: string) => s.replace(/\D/g, "");
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const PHONE = /\+?\d[\d\s().-]{7,}\d/g;

/** Checks one draft against its cited evidence, the tenant's people and the limits. */
export function checkDraft(
  d: DraftRow,
  evidence: ReadonlyMap<string, Record<string, unknown>>,
  people: readonly Person[],
  senders: readonly string[],
  asOf: Date,
): DraftVerdict {
  const text = `${d.subject ?? ""}\n${d.body}`;
  const cited = new Map(d.evidence_ids.flatMap((id) => (evidence.has(id) ? [[id, evidence.get(id)!]] : [])));
  const recipientName = [d.first_name, d.last_name].filter(Boolean).join(" ");
  const exempt = [recipientName, d.first_name ?? "", d.account_name ?? "", ...senders].sort(
    (a, b) => b.length - a.length,
  );
  const claims = extractClaims(text, exempt);
  const support = supportOf(cited, asOf);
  const recipientId = d.contact_id ?? d.lead_id;

  const otherPersonData: string[] = [];
  const lower = text.toLowerCase();
  const phones = (text.match(PHONE) ?? []).map(digits).filter((p) => p.length >= 8);
  for (const p of people) {
    if (p.id === recipientId) continue;
    const full = p.first_name && p.last_name ? `${p.first_name} ${p.last_name}` : null;
    if (
      full &&
      full !== recipientName &&
      !senders.includes(full) &&
      new RegExp(`\\b${escapeRe(full)}\\b`, "i").test(text)
    )
      otherPersonData.push(`name of ${p.id}`);
    if (p.email && p.email.toLowerCase() !== d.email?.toLowerCase() && lower.includes(p.email.toLowerCase()))
      otherPersonData.push(`email of ${p.id}`);
    if (p.phone && digits(p.phone).length >= 8 && phones.includes(digits(p.phone)))
      otherPersonData.push(`phone of ${p.id}`);
  }
  for (const e of text.match(EMAIL) ?? [])
    if (
      e.toLowerCase() !== d.email?.toLowerCase() &&
      !people.some((p) => p.email?.toLowerCase() === e.toLowerCase())
    )
      otherPersonData.push(`an address that is not the recipient's: ${e}`);

  const missingFields = [
    d.channel === "email" && !d.subject?.trim() ? "subject" : null,
    !d.body.trim() ? "body" : null,
    d.evidence_ids.length === 0 ? "evidence_ids" : null,
    !d.provider ? "provider" : null,
    !d.email ? "recipient address" : null,
    d.first_name && !new RegExp(`\\b${escapeRe(d.first_name)}\\b`).test(d.body)
      ? "salutation to the recipient"
      : null,
  ].filter((x): x is string => x !== null);
  const lengthProblems = [
    (d.subject?.length ?? 0) > LIMITS.subjectMax
      ? `subject ${d.subject!.length} > ${LIMITS.subjectMax} chars`
      : null,
    d.body.length < LIMITS.bodyMin ? `body ${d.body.length} < ${LIMITS.bodyMin} chars` : null,
    d.body.length > LIMITS.bodyMax ? `body ${d.body.length} > ${LIMITS.bodyMax} chars` : null,
  ].filter((x): x is string => x !== null);

  return {
    id: d.id,
    agent: d.agent,
    claims: claims.length,
    ungrounded: claims.filter((c) => !grounded(c, support)),
    otherPersonData,
    optedOut: !d.contactable,
    missingFields,
    lengthProblems,
    unresolvedEvidence: d.evidence_ids.filter((id) => !evidence.has(id)),
  };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
