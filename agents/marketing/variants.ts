import { createHash } from "node:crypto";

/** The two variants of every audience's message. */
export const VARIANTS = ["A", "B"] as const;
export type Variant = (typeof VARIANTS)[number];

/** What each variant tries, told to the writer (model or template). */
export const VARIANT_ANGLES: Record<Variant, string> = {
  A: "benefit-led: the subject states what the reader gets; the body leads with the value and one clear call to action",
  B: "question-led: the subject asks the reader a question about their situation; the body is shorter and invites a reply",
};

/**
 * A contact's variant in a campaign: the first byte of sha256(`<campaign key>:<contact id>`), even
 * → A, odd → B. Deterministic (a rerun or a resumed run assigns the same), about half each, and
 * independent across campaigns (a contact is not always in the same arm).
 */
export function variantOf(campaignKey: string, contactId: string): Variant {
  const first = createHash("sha256").update(`${campaignKey}:${contactId.toLowerCase()}`).digest()[0]!;
  return first % 2 === 0 ? "A" : "B";
}
