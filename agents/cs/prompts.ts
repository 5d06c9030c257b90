import { HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import { z } from "zod";
import type { DraftBrief } from "./draft.ts";

/** Names the offline template in provenance (`offline:cs-templates-v1`). */
export const CS_TEMPLATE_VERSION = "cs-templates-v1";

/** What the model (or the template) returns for an at-risk draft. */
export const draftSchema = z.object({
  subject: z.string().min(1).max(200).describe("Email subject line."),
  body: z.string().min(1).max(5000).describe("Plain-text email body."),
});
export type DraftText = z.infer<typeof draftSchema>;

const SYSTEM = [
  "You are a customer success manager writing a short, warm email to a customer whose account needs attention.",
  "Use only the facts given; do not invent numbers, dates, products or offers. Do not mention scores, risk or churn.",
  "Offer a short call to help. Plain text, at most 150 words. Sign with the manager's name.",
  'Answer as JSON: {"subject": "...", "body": "..."}.',
].join("\n");

/** The prompt for an at-risk draft: instructions, then the brief's facts. */
export function draftMessages(b: DraftBrief): BaseMessage[] {
  const facts = b.facts.map((f) => `- ${f.text}`).join("\n") || "- (no specific facts: a general check-in)";
  return [
    new SystemMessage(SYSTEM),
    new HumanMessage(
      `Customer: ${b.accountName}\nRecipient: ${b.contact.fullName}\nManager: ${b.ownerName ?? "Customer Success"}\nFacts:\n${facts}`,
    ),
  ];
}

/** The offline draft: a fixed template filled only with the brief's facts. */
export function templateDraft(b: DraftBrief): DraftText {
  const sender = b.ownerName ?? "Your Customer Success team";
  const facts = b.facts.map((f) => `- ${f.text}`).join("\n");
  return {
    subject: `${b.accountName}: can we help you get more out of your account?`,
    body: [
      `Hi ${b.contact.firstName},`,
      "",
      `I was looking over ${b.accountName}'s account and wanted to reach out personally.`,
      ...(facts ? ["", facts] : []),
      "",
      "Could we find 30 minutes in the next week or two to go through it together and see what would help your team most?",
      "",
      "Best regards,",
      sender,
    ].join("\n"),
  };
}
