import { interrupt } from "@langchain/langgraph";
import { z } from "zod";
import type { ApprovalAnswer, ApprovalRequest } from "../../runtime/index.ts";
import type { MarketingStateType, MarketingUpdate } from "../state.ts";

const answerSchema = z.object({
  decisions: z
    .array(
      z.object({
        id: z.string(),
        status: z.enum(["approved", "rejected"]),
        outboxId: z.string().nullable(),
        decision: z.enum(["approve", "reject", "edit"]),
      }),
    )
    .default([]),
});

/**
 * Waits for a person: interrupts with the drafts (ApprovalRequest) and resumes with their
 * decisions (ApprovalAnswer, applied by decideRunDrafts before the resume). Nothing happens before
 * the interrupt: this node runs again from its start when the run resumes.
 */
export const awaitApproval = async (state: MarketingStateType): Promise<MarketingUpdate> => {
  const request: ApprovalRequest = {
    kind: "draft_approval",
    drafts: state.drafts.map((d) => ({
      id: d.id,
      subject: d.subject,
      body: d.body,
      to: d.to,
      reason: d.reason,
    })),
  };
  const answer: ApprovalAnswer = answerSchema.parse(interrupt(request));
  return { approval: answer };
};
