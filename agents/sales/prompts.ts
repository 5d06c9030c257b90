import { HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import { z } from "zod";
import type { DraftPlan } from "./outreach.ts";

/** The offline templates' version, recorded as the draft's provider `offline:<version>`. */
export const TEMPLATES_VERSION = "sales-templates-v1";

/** What a model (or the offline template) returns for a draft. */
export const draftSchema = z.object({
  subject: z.string().min(1).max(200).describe("Subject line."),
  body: z.string().min(1).max(5000).describe("Plain-text email body, signed by the sender."),
  evidence_ids: z
    .array(z.string())
    .min(1)
    .describe("The evidence_id of every fact the email relies on (only ids from the facts given)."),
});
export type DraftText = z.infer<typeof draftSchema>;

const SYSTEM = [
  "You write short, plain, friendly sales emails on behalf of a sales rep.",
  "Use only the facts given. Do not invent numbers, dates, prices, features, names or commitments.",
  "Never mention scores, tracking or that you saw analytics data; say it naturally (e.g. 'thanks for your interest').",
  "At most 120 words. Sign with the sender's name.",
  "Answer as JSON: {subject, body, evidence_ids}; evidence_ids lists the evidence_id of every fact you used.",
].join("\n");

const PURPOSE: Record<DraftPlan["template"], string> = {
  hot_lead: "Offer a short call to a prospect who is showing buying interest.",
  stalled_deal: "Re-engage a contact on a deal that has stalled, and agree a concrete next step.",
};

/** The messages a model drafts from: the purpose, the people and the numbered facts. */
export function draftMessages(plan: DraftPlan): BaseMessage[] {
  const brief = {
    purpose: PURPOSE[plan.template],
    recipient: plan.recipient.name,
    company: plan.company,
    sender: plan.sender ?? "the account team",
    facts: plan.facts,
  };
  return [new SystemMessage(SYSTEM), new HumanMessage(JSON.stringify(brief, null, 2))];
}

/**
 * Keeps only evidence ids the plan offered (a model may cite others or none); falls back to
 * every fact of the plan, since the text was written from them.
 */
export function citedEvidence(plan: DraftPlan, cited: readonly string[]): string[] {
  const offered = new Set(plan.facts.map((f) => f.evidence_id));
  const kept = [...new Set(cited.filter((id) => offered.has(id)))];
  return kept.length > 0 ? kept : [...offered];
}
